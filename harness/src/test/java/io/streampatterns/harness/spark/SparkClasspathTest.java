package io.streampatterns.harness.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The split of a driver's classpath into what a cluster provides and what each application ships. */
class SparkClasspathTest {
    private static final String REPO = "/home/ci/.m2/repository/";

    @TempDir
    Path dir;

    /**
     * Purpose: a team's pipeline reaches the executors whether it runs from its build folder or its
     * jar; Spark and its libraries do not travel with every job.
     * Pass: class folders, jars in target/ and this project's artifacts are application; the rest platform.
     */
    @Test
    void splitsApplicationFromPlatform() {
        SparkClasspath classpath = SparkClasspath.of(List.of(
                "/work/team/pipeline/target/classes",
                "/work/team/pipeline/target/pipeline-1.0.jar",
                REPO + "io/streampatterns/streampatterns-core/0.1.0/streampatterns-core-0.1.0.jar",
                REPO + "org/apache/spark/spark-core_2.13/4.2.0/spark-core_2.13-4.2.0.jar",
                REPO + "io/delta/delta-spark_2.13/4.4.0/delta-spark_2.13-4.4.0.jar",
                REPO + "org/apache/kafka/kafka-clients/3.9.2/kafka-clients-3.9.2.jar"));

        assertThat(classpath.application()).extracting(Path::toString).containsExactly(
                "/work/team/pipeline/target/classes", "/work/team/pipeline/target/pipeline-1.0.jar",
                REPO + "io/streampatterns/streampatterns-core/0.1.0/streampatterns-core-0.1.0.jar");
        assertThat(classpath.platform()).hasSize(3);
        assertThat(classpath.connectors()).as("what a stock Spark lacks").extracting(path -> path.getFileName().toString())
                .containsExactly("delta-spark_2.13-4.4.0.jar", "kafka-clients-3.9.2.jar");
    }

    /**
     * Purpose: executors fetch jars, not folders. How: a class folder with one class file and an
     * empty one. Pass: the first becomes a jar holding the class under its package path; the empty
     * one is left out.
     */
    @Test
    void packsClassFoldersIntoJars() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("pipeline/target/classes/com/team"));
        Files.write(classes.resolve("Job.class"), new byte[] {(byte) 0xCA, (byte) 0xFE});
        Path empty = Files.createDirectories(dir.resolve("other/target/test-classes"));
        SparkClasspath classpath = SparkClasspath.of(List.of(dir.resolve("pipeline/target/classes").toString(), empty.toString()));

        List<Path> jars = classpath.applicationJars(dir.resolve("packed"));

        assertThat(jars).hasSize(1);
        assertThat(jars.get(0).getFileName().toString()).isEqualTo("pipeline-classes-0.jar");
        try (ZipFile jar = new ZipFile(jars.get(0).toFile())) {
            assertThat(jar.getEntry("com/team/Job.class")).isNotNull();
        }
    }
}
