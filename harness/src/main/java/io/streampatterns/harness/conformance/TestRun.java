package io.streampatterns.harness.conformance;

import io.streampatterns.core.TriggerPolicy;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.Trigger;

/**
 * The resources of one run of a pipeline in one check, handed to {@link PipelineUnderTest#start}:
 * fresh topics (they exist before the pipeline starts), fresh folders for a table and a checkpoint,
 * the Kafka to use and the settings the check imposes (a trigger, a batch cap).
 *
 * <p>A pipeline reads {@link #inputTopic()}, writes where {@link PipelineUnderTest#output} says
 * (usually {@link #outputTopic()} or {@link #outputTable()}), keeps its checkpoint at
 * {@link #checkpointLocation()}, and honours {@link #trigger()} and {@link #maxOffsetsPerTrigger()}
 * where it declares the capabilities that depend on them.
 */
public final class TestRun {
    private final RunSpec spec;
    private final ConformanceEnvironment env;

    TestRun(RunSpec spec, ConformanceEnvironment env) {
        this.spec = spec;
        this.env = env;
    }

    /** A name unique in the conformance run, usable as a query name. */
    public String name() {
        return spec.name();
    }

    public String bootstrapServers() {
        return spec.bootstrapServers();
    }

    /** Client properties the cluster needs besides the bootstrap servers (security settings); empty for plaintext. */
    public Map<String, String> kafkaClientProperties() {
        return spec.kafkaClientProperties();
    }

    /**
     * The bootstrap servers and client properties as options of Spark's Kafka source and sink
     * ({@code kafka.bootstrap.servers}, {@code kafka.security.protocol}, ...), ready for {@code options(...)}.
     */
    public Map<String, String> sparkKafkaOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("kafka.bootstrap.servers", bootstrapServers());
        kafkaClientProperties().forEach((name, value) -> options.put("kafka." + name, value));
        return options;
    }

    public String inputTopic() {
        return spec.inputTopic();
    }

    public String outputTopic() {
        return spec.outputTopic();
    }

    public String dlqTopic() {
        return spec.dlqTopic();
    }

    /** A fresh folder for a Delta output table (it does not exist yet). */
    public String outputTable() {
        return spec.outputTable();
    }

    public String checkpointLocation() {
        return spec.checkpointLocation();
    }

    /** A folder of this run's own for anything else the pipeline needs (a dimension table, a file). */
    public Path folder() {
        return Path.of(spec.outputTable() + "_extra");
    }

    /** The trigger the check wants; a pipeline declaring SLA_TRIGGER must run on it. */
    public TriggerPolicy trigger() {
        return spec.trigger();
    }

    /** {@link #trigger()} as Spark's trigger, for {@code writeStream().trigger(...)}. */
    public Trigger sparkTrigger() {
        return spec.trigger().toSparkTrigger();
    }

    /** The batch cap the check wants, if any; a pipeline declaring CAPPED_BATCHES must honour it. */
    public Optional<Long> maxOffsetsPerTrigger() {
        return spec.maxOffsetsPerTrigger();
    }

    public SparkSession spark() {
        return env.spark();
    }

    /** The kit's environment: Kafka clients, the event generator, the workspace. */
    public ConformanceEnvironment environment() {
        return env;
    }

    /** The plain data of this run, as handed to a child JVM. */
    public RunSpec spec() {
        return spec;
    }

    /** The same run with another trigger. */
    public TestRun withTrigger(TriggerPolicy trigger) {
        return new TestRun(spec.withTrigger(trigger), env);
    }

    /** The same run with other Kafka client properties for the pipeline's clients. */
    public TestRun withKafkaClientProperties(Map<String, String> properties) {
        return new TestRun(spec.withKafkaClientProperties(properties), env);
    }

    /** The same run with a batch cap. */
    public TestRun withMaxOffsetsPerTrigger(long max) {
        return new TestRun(spec.withMaxOffsetsPerTrigger(max), env);
    }

    @Override
    public String toString() {
        return "TestRun(" + name() + ")";
    }
}
