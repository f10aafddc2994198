package io.streampatterns.harness.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Spark home without a Spark distribution: a folder whose {@code jars/} links the platform jars
 * the build resolved, and an empty {@code conf/}. A worker builds each executor's command line from
 * it (classpath {@code conf/:jars/*}); {@code SPARK_SCALA_VERSION} keeps Spark's launcher from
 * looking for the build folders of a Spark source tree (measured, see PLATFORM.md).
 */
public record SparkHome(Path root) {

    /** Links {@code platform} into {@code root/jars}. */
    static SparkHome create(Path root, List<Path> platform) {
        try {
            Path jars = Files.createDirectories(root.resolve("jars"));
            Files.createDirectories(root.resolve("conf"));
            Set<String> names = new HashSet<>();
            for (Path jar : platform) {
                // Two jars of one name from different groups: both kept, the second renamed.
                String name = names.add(jar.getFileName().toString()) ? jar.getFileName().toString()
                        : names.size() + "-" + jar.getFileName();
                names.add(name);
                Files.createSymbolicLink(jars.resolve(name), jar);
            }
            return new SparkHome(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a Spark home in " + root, e);
        }
    }

    public Path jars() {
        return root.resolve("jars");
    }

    /** What a master, worker or {@code spark-submit} needs in its environment. */
    public Map<String, String> environment() {
        return Map.of("SPARK_HOME", root.toString(), "SPARK_SCALA_VERSION", "2.13", "SPARK_LOCAL_IP", "127.0.0.1",
                "SPARK_CONF_DIR", root.resolve("conf").toString());
    }
}
