package io.streampatterns.jobs.lint;

import static org.assertj.core.api.Assertions.assertThat;

import io.streampatterns.jobs.config.PipelineConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each lint rule refuses the configuration it exists for, naming the option, and the configurations
 * the project ships pass. Partitions are counted by a fixed counter here (no broker);
 * {@code LintCommandTest} covers the command line.
 */
class LinterTest {
    private static final PartitionCounter FOUR_PARTITIONS = config -> 4;

    @TempDir
    Path dir;

    /**
     * Purpose: the configurations shipped in jobs/configs are clean, so a team copying one starts clean.
     * How: lint every .properties file there together (configs/schemas holds the Avro schemas they name) (each has its own checkpoint), with 2 partitions per topic.
     * Pass: no problem.
     */
    @Test
    void theShippedConfigurationsPass() throws IOException {
        // 1. Every shipped file
        List<PipelineConfig> shipped;
        try (Stream<Path> files = Files.list(Path.of("configs"))) {
            shipped = files.filter(file -> file.toString().endsWith(".properties")).sorted().map(PipelineConfig::read).toList();
        }

        // 2. Clean
        assertThat(shipped).hasSizeGreaterThanOrEqualTo(3);
        assertThat(new Linter(config -> 2).lint(shipped).problems()).isEmpty();
    }

    /**
     * Purpose: the SLA/3 rule before anything starts. How: sla 90s with a 40s trigger.
     * Pass: one problem on trigger, saying the most it may be (30s).
     */
    @Test
    void refusesATriggerOverAThirdOfTheSla() {
        assertThat(problems(good().with("trigger", "40s"))).singleElement()
                .satisfies(p -> assertThat(p.option()).isEqualTo("trigger"))
                .satisfies(p -> assertThat(p.message()).contains("40s is longer than a third of sla 1m30s", "at most 30s"));
    }

    /**
     * Purpose: Real-Time Mode silently leaves partitions without a slot unread. How: local[2] for a
     * topic of 4 partitions, then taskSlots=4. Pass: a problem naming spark.master, then none.
     */
    @Test
    void refusesFewerTaskSlotsThanPartitionsInRealTimeMode() {
        Config realTime = good().without("maxOffsetsPerTrigger").without("sla").with("trigger", "realtime:5m")
                .with("spark.master", "local[2]");
        assertThat(problems(realTime)).singleElement()
                .satisfies(p -> assertThat(p.option()).isEqualTo("spark.master"))
                .satisfies(p -> assertThat(p.message()).contains("2 task slots for 4 partitions of orders"));
        assertThat(problems(realTime.with("taskSlots", "4"))).isEmpty();
    }

    /**
     * Purpose: a pattern that runs only in Real-Time Mode is linted as one without a trigger key (its
     * builder refuses a batch cap, so lint must not ask for one). How: realtime without trigger nor
     * maxOffsetsPerTrigger, on local[2] for 4 partitions. Pass: the slot problem alone, no batch-cap problem.
     */
    @Test
    void lintsARealTimeOnlyPatternAsRealTimeWithoutATrigger() {
        Config realTime = good().with("pattern", "realtime").without("maxOffsetsPerTrigger").without("sla")
                .with("spark.master", "local[2]").with("outputTopic", "orders_out");
        assertThat(problems(realTime)).singleElement()
                .satisfies(p -> assertThat(p.option()).isEqualTo("spark.master"));
    }

    /**
     * Purpose: when the brokers do not answer, the slot check says so instead of failing or passing
     * silently. How: a counter that cannot count. Pass: no problem, a note naming why.
     */
    @Test
    void notesASlotCheckItCouldNotRun() {
        Config realTime = good().without("maxOffsetsPerTrigger").without("sla").with("trigger", "realtime")
                .with("spark.master", "local[1]");
        Linter.LintResult result = new Linter(config -> {
            throw new IllegalStateException("no answer from localhost:9092 within 10 s");
        }).lint(List.of(realTime.config()));
        assertThat(result.problems()).isEmpty();
        assertThat(result.notes()).singleElement().asString().contains("task slots not checked", "no answer from localhost:9092");
    }

    /**
     * Purpose: latest on a first run skips the topic's records. How: startingOffsets=latest with an
     * empty checkpoint folder, then with an offsets entry in it. Pass: a problem on startingOffsets, then none.
     */
    @Test
    void refusesLatestOffsetsOnAFirstRunOnly() throws IOException {
        Config latest = good().with("startingOffsets", "latest");
        assertThat(problems(latest)).singleElement()
                .satisfies(p -> assertThat(p.option()).isEqualTo("startingOffsets"))
                .satisfies(p -> assertThat(p.message()).contains("latest on a first run"));
        Files.createDirectories(dir.resolve("checkpoint/offsets"));
        Files.writeString(dir.resolve("checkpoint/offsets/0"), "v1");
        assertThat(problems(latest)).isEmpty();
    }

    /**
     * Purpose: two pipelines on one checkpoint. How: lint two configurations naming the same folder,
     * once with a trailing slash. Pass: each refused on checkpointLocation, naming the other file.
     */
    @Test
    void refusesACheckpointSharedByTwoConfigurations() {
        Config first = good();
        Config second = good().in("other.properties").with("checkpointLocation", dir.resolve("checkpoint") + "/");
        List<LintProblem> problems = new Linter(FOUR_PARTITIONS).lint(List.of(first.config(), second.config())).problems();
        assertThat(problems).hasSize(2).allSatisfy(p -> assertThat(p.option()).isEqualTo("checkpointLocation"));
        assertThat(problems.get(0).message()).contains("also the checkpoint of", "other.properties");
    }

    /** Purpose: acks below all lose acknowledged records. How: kafka.acks=1, then -1. Pass: a problem, then none. */
    @Test
    void refusesAcksOtherThanAll() {
        assertThat(problems(good().with("kafka.acks", "1"))).singleElement()
                .satisfies(p -> assertThat(p.option()).isEqualTo("kafka.acks"))
                .satisfies(p -> assertThat(p.message()).contains("expected all"));
        assertThat(problems(good().with("kafka.acks", "-1"))).isEmpty();
    }

    /**
     * Purpose: a secret written into the file; the problem must not repeat it. How: a JAAS login and a
     * truststore password inline, then both as references. Pass: two problems naming the keys, neither
     * holding the values; none with references.
     */
    @Test
    void refusesSecretsWrittenInlineWithoutRepeatingThem() {
        Config inline = good().with("kafka.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule "
                        + "required username=\"app\" password=\"hunter2\";")
                .with("kafka.ssl.truststore.password", "changeit");
        List<LintProblem> problems = problems(inline);
        assertThat(problems).extracting(LintProblem::option)
                .containsExactlyInAnyOrder("kafka.sasl.jaas.config", "kafka.ssl.truststore.password");
        assertThat(problems.toString()).doesNotContain("hunter2", "changeit").contains("${secret:NAME}");
        assertThat(problems(good().with("kafka.sasl.jaas.config", "${secret:jaas}")
                .with("kafka.ssl.truststore.password", "${secret:truststore}"))).isEmpty();
    }

    /** Purpose: a backlog drains in batches of a known size. How: no maxOffsetsPerTrigger. Pass: a problem naming it. */
    @Test
    void refusesAMicroBatchPipelineWithoutABatchCap() {
        assertThat(problems(good().without("maxOffsetsPerTrigger"))).singleElement()
                .satisfies(p -> assertThat(p.option()).isEqualTo("maxOffsetsPerTrigger"));
    }

    /**
     * Purpose: a value that is not what its key needs is named, not thrown. How: sla=soon, pattern
     * unknown, topic missing. Pass: a problem on each of sla, pattern and topic.
     */
    @Test
    void namesUnreadableAndMissingValues() {
        List<LintProblem> problems = problems(good().with("sla", "soon").with("pattern", "silver").without("topic"));
        assertThat(problems).extracting(LintProblem::option).containsExactlyInAnyOrder("pattern", "topic", "sla");
        assertThat(problems.toString()).contains("sla: expected a duration such as 90s", "got 'soon'",
                "'silver'; expected one of bronze");
    }

    /**
     * Purpose: lint refuses what run would, a pattern's own option without a default left out. How:
     * realtime without outputTopic; schema-validation with neither validTopic nor validTablePath;
     * routing without a route, then with one. Pass: a problem on each, naming the key (or the keys,
     * one of which is needed); none once a route is there.
     */
    @Test
    void refusesAConfigurationWithoutTheKeysItsPatternNeeds() {
        Config realTime = good().with("pattern", "realtime").without("maxOffsetsPerTrigger").without("sla")
                .with("taskSlots", "4");
        assertThat(problems(realTime)).singleElement()
                .satisfies(p -> assertThat(p.option()).isEqualTo("outputTopic"))
                .satisfies(p -> assertThat(p.message()).contains("not set; pattern realtime cannot run without it"));
        assertThat(problems(good().with("pattern", "schema-validation").with("dlqTopic", "orders_dlq"))).singleElement()
                .satisfies(p -> assertThat(p.option()).isEqualTo("validTopic or validTablePath"));
        Config routing = good().with("pattern", "routing");
        assertThat(problems(routing)).singleElement()
                .satisfies(p -> assertThat(p.option()).isEqualTo("route.<topic> or deadLetterRoute.<topic>"))
                .satisfies(p -> assertThat(p.message()).contains("none set; pattern routing cannot run without one"));
        assertThat(problems(routing.with("deadLetterRoute.orders_errors", "event_type = 'error'"))).isEmpty();
    }

    private List<LintProblem> problems(Config config) {
        return new Linter(FOUR_PARTITIONS).lint(List.of(config.config())).problems();
    }

    /** A clean micro-batch configuration in this test's folder. */
    private Config good() {
        return new Config(dir.resolve("bronze.properties"), Map.of("pattern", "bronze", "bootstrapServers", "localhost:9092",
                "topic", "orders", "checkpointLocation", dir.resolve("checkpoint").toString(), "sla", "90s",
                "maxOffsetsPerTrigger", "10000", "eventSchema", "event_id STRING", "tablePath", dir.resolve("table").toString()));
    }

    /** A configuration changed one key at a time. */
    private record Config(Path file, Map<String, String> values) {
        Config with(String key, String value) {
            Map<String, String> copy = new HashMap<>(values);
            copy.put(key, value);
            return new Config(file, copy);
        }

        Config without(String key) {
            Map<String, String> copy = new HashMap<>(values);
            copy.remove(key);
            return new Config(file, copy);
        }

        Config in(String name) {
            return new Config(file.resolveSibling(name), values);
        }

        PipelineConfig config() {
            return PipelineConfig.of(file, values);
        }
    }
}
