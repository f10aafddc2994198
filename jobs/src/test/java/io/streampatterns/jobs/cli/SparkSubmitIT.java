package io.streampatterns.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streampatterns.harness.data.EventGenerator;
import io.streampatterns.harness.delta.DeltaTableReader;
import io.streampatterns.harness.junit.KafkaClusterConfig;
import io.streampatterns.harness.kafka.ChildJvm;
import io.streampatterns.harness.kafka.KafkaCluster;
import io.streampatterns.harness.spark.LocalSpark;
import io.streampatterns.harness.spark.SparkJvmFlags;
import io.streampatterns.harness.spark.StandaloneCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jobs jar as a platform team deploys it: submitted through Spark's own {@code SparkSubmit} to a
 * real standalone cluster (a master and two workers, executors in JVMs of their own), where the
 * pattern's classes reach the executors only inside that jar.
 */
@KafkaClusterConfig(brokers = 1)
class SparkSubmitIT {
    private static final EventGenerator EVENTS = new EventGenerator(23);
    private static final int COUNT = 2_000;
    private static StandaloneCluster spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSparkCluster() {
        spark = StandaloneCluster.start(new StandaloneCluster.Spec(2, 2, "2g"));
    }

    @AfterAll
    static void stopSparkCluster() {
        if (spark != null) {
            spark.close();
        }
    }

    /**
     * Purpose: {@code spark-submit --class StreampatternsCommand streampatterns-jobs-spark-submit.jar
     * run bronze.properties} runs a pattern on a cluster.
     * How: 2,000 events in a 3-partition topic; a bronze configuration with trigger=availableNow and
     * batches of at most 500; SparkSubmit in its own JVM (client mode) on the Spark home the cluster
     * runs from, which holds Spark, Delta and the connectors but none of this project's classes.
     * Pass: the jar holds the project and the Kafka source but no Spark; the submission exits 0; two
     * executors ran tasks; the Delta table holds each of the 2,000 seqs once.
     */
    @Test
    void runsBronzeSubmittedToAStandaloneCluster(KafkaCluster kafka) throws Exception {
        // 1. The jar: the project, picocli and the Kafka source; Spark and Delta are the cluster's
        Path jar = submitJar();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            assertThat(zip.getEntry("io/streampatterns/patterns/bronze/BronzeIngestionPipeline.class")).isNotNull();
            assertThat(zip.getEntry("org/apache/spark/sql/kafka010/KafkaSourceProvider.class")).isNotNull();
            assertThat(zip.getEntry("org/apache/spark/sql/SparkSession.class")).as("Spark is provided").isNull();
            assertThat(zip.getEntry("io/delta/tables/DeltaTable.class")).as("Delta is provided").isNull();
        }

        // 2. Input and configuration
        kafka.createTopic("orders", 3);
        try (KafkaProducer<String, String> producer = kafka.newProducer(Map.of())) {
            EVENTS.publish(producer, "orders", 0, COUNT);
        }
        Path table = dir.resolve("bronze_orders");
        Path config = Files.writeString(dir.resolve("bronze.properties"), String.join("\n",
                "pattern=bronze", "name=bronze_orders", "bootstrapServers=" + kafka.bootstrapServers(), "topic=orders",
                "tablePath=" + table, "checkpointLocation=" + dir.resolve("checkpoint"), "trigger=availableNow",
                "maxOffsetsPerTrigger=500", "eventSchema=" + EventGenerator.SCHEMA.toDDL()) + "\n");

        // 3. Submit and wait for the job to end
        Path log = dir.resolve("spark-submit.log");
        Process submit = submit(jar, config, log);
        boolean ended = submit.waitFor(4, TimeUnit.MINUTES);
        submit.destroyForcibly();
        String output = Files.readString(log);
        assertThat(ended).as("spark-submit ended within 4 minutes:\n" + tail(output)).isTrue();
        assertThat(submit.exitValue()).as(tail(output)).isZero();

        // 4. Run on the cluster's executors, every event once
        assertThat(output).contains("run: starting bronze", "run: the query ended");
        assertThat(output).containsPattern("Granted executor ID app-\\S+/0").containsPattern("Granted executor ID app-\\S+/1");
        long[] seqs = new DeltaTableReader(LocalSpark.session(), table.toString()).seqs();
        Arrays.sort(seqs);
        assertThat(seqs).containsExactly(LongStream.range(0, COUNT).toArray());
    }

    private Process submit(Path jar, Path config, Path log) throws IOException {
        Path home = spark.home().root();
        List<String> command = new ArrayList<>(List.of(ChildJvm.javaExecutable(), "-Xmx1g"));
        command.addAll(SparkJvmFlags.inherited());
        command.addAll(List.of("-cp", home.resolve("conf") + ":" + home.resolve("jars") + "/*",
                "org.apache.spark.deploy.SparkSubmit", "--master", spark.masterUrl(), "--deploy-mode", "client",
                "--class", "io.streampatterns.jobs.cli.StreampatternsCommand",
                "--conf", "spark.executor.memory=768m", "--conf", "spark.executor.cores=1", "--conf", "spark.cores.max=2",
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.ui.enabled=false",
                jar.toString(), "run", config.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(spark.home().environment());
        return builder.start();
    }

    /** The jar {@code package} shaded: {@code target/streampatterns-jobs-VERSION-spark-submit.jar}. */
    private static Path submitJar() throws IOException {
        try (Stream<Path> jars = Files.list(Paths.get("target"))) {
            return jars.filter(path -> path.getFileName().toString().endsWith("-spark-submit.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no *-spark-submit.jar in target/: run mvn package first"))
                    .toAbsolutePath();
        }
    }

    private static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
