package io.streampatterns.harness.spark;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A driver JVM's classpath split the way a deployment splits it: the <b>platform</b> (Spark, Delta,
 * the Kafka connector and their libraries, which a cluster's image or Spark home holds) and the
 * <b>application</b> (the pipeline's own classes, which travel with each job through
 * {@code spark.jars}, as {@code spark-submit} ships an application jar).
 *
 * <p>An entry is application when it is a folder of classes ({@code target/classes}: packed into a
 * jar first, since executors fetch jars), a jar built in a {@code target} folder, or an artifact of
 * this project's group; every other jar is platform. A team's own pipeline is therefore shipped
 * whether it runs from its build folder or from its installed jar.
 *
 * @param platform jars a cluster's Spark home provides
 * @param application jars and class folders each application ships
 */
public record SparkClasspath(List<Path> platform, List<Path> application) {
    private static final String OWN_GROUP = "/io/streampatterns/";

    /**
     * Libraries the kit's pipelines use that a stock Spark distribution lacks: shipped with each job
     * to a cluster this harness did not start ({@code SPARK_MASTER_URL}), as {@code --packages}
     * would. Matched against the jar's path in the Maven repository.
     */
    private static final List<String> CONNECTORS = List.of("/io/delta/", "/spark-sql-kafka-0-10", "/spark-token-provider-kafka-0-10",
            "/spark-avro_", "/org/apache/kafka/kafka-clients/", "/org/apache/commons/commons-pool2/");

    /** This JVM's classpath, split. */
    public static SparkClasspath ofThisJvm() {
        return of(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
    }

    static SparkClasspath of(List<String> entries) {
        List<Path> platform = new ArrayList<>();
        List<Path> application = new ArrayList<>();
        for (String entry : entries) {
            if (entry.isBlank()) {
                continue;
            }
            Path path = Paths.get(entry).toAbsolutePath();
            (isApplication(path) ? application : platform).add(path);
        }
        return new SparkClasspath(List.copyOf(platform), List.copyOf(application));
    }

    static boolean isApplication(Path entry) {
        String path = entry.toString().replace(File.separatorChar, '/');
        return !path.endsWith(".jar") || path.contains("/target/") || path.contains(OWN_GROUP);
    }

    /** The platform jars a stock Spark distribution lacks. */
    public List<Path> connectors() {
        return platform.stream().filter(jar -> CONNECTORS.stream().anyMatch(jar.toString()::contains)).toList();
    }

    /**
     * The application as jars an executor can fetch: class folders packed into {@code packDir} (an
     * empty or missing folder is left out), jars as they are.
     */
    public List<Path> applicationJars(Path packDir) {
        List<Path> jars = new ArrayList<>();
        for (Path entry : application) {
            if (Files.isDirectory(entry)) {
                Path jar = packDir.resolve(jarName(entry, jars.size()));
                if (pack(entry, jar)) {
                    jars.add(jar);
                }
            } else if (Files.isRegularFile(entry)) {
                jars.add(entry);
            }
        }
        return jars;
    }

    /** {@code harness-classes-0.jar} for {@code .../harness/target/classes}: readable in an executor's folder. */
    private static String jarName(Path folder, int index) {
        Path module = folder.getParent() != null && folder.getParent().getParent() != null
                ? folder.getParent().getParent().getFileName() : folder.getFileName();
        return module + "-" + folder.getFileName() + "-" + index + ".jar";
    }

    /** Writes every file under {@code folder} into {@code jar}; false when there was none. */
    private static boolean pack(Path folder, Path jar) {
        try (Stream<Path> files = Files.walk(folder)) {
            List<Path> regular = files.filter(Files::isRegularFile).sorted().toList();
            if (regular.isEmpty()) {
                return false;
            }
            Files.createDirectories(jar.getParent());
            jar.toFile().deleteOnExit();
            try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
                for (Path file : regular) {
                    zip.putNextEntry(new JarEntry(folder.relativize(file).toString().replace(File.separatorChar, '/')));
                    Files.copy(file, zip);
                    zip.closeEntry();
                }
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pack " + folder + " into " + jar, e);
        }
    }
}
