package io.streampatterns.harness.conformance;

import io.streampatterns.core.TriggerPolicy;
import io.streampatterns.harness.data.EventGenerator;
import io.streampatterns.harness.delta.DeltaWorkspace;
import io.streampatterns.harness.kafka.KafkaEndpoint;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.spark.sql.SparkSession;

/**
 * What every check shares: one Kafka, one SparkSession, one Delta workspace and one event
 * generator. Each run gets topics and folders of its own, so checks never see each other's data.
 */
public final class ConformanceEnvironment {
    private final KafkaEndpoint kafka;
    private final SparkSession spark;
    private final DeltaWorkspace workspace;
    private final EventGenerator events;
    private final String runPrefix;
    private final AtomicInteger runs = new AtomicInteger();

    /**
     * @param runPrefix prefixes every topic and folder, so runs against a shared cluster do not
     *     collide with each other or with what was there before
     */
    public ConformanceEnvironment(KafkaEndpoint kafka, SparkSession spark, DeltaWorkspace workspace,
                                  EventGenerator events, String runPrefix) {
        this.kafka = kafka;
        this.spark = spark;
        this.workspace = workspace;
        this.events = events;
        this.runPrefix = runPrefix;
    }

    public KafkaEndpoint kafka() {
        return kafka;
    }

    public SparkSession spark() {
        return spark;
    }

    public DeltaWorkspace workspace() {
        return workspace;
    }

    public EventGenerator events() {
        return events;
    }

    /** Fresh topics (input, output, dead letters) and folders for one run of {@code pipeline}. */
    public TestRun newRun(PipelineUnderTest pipeline, String check) {
        String name = (runPrefix + "_" + pipeline.name() + "_" + check + "_" + runs.incrementAndGet())
                .replaceAll("[^A-Za-z0-9_-]", "_");
        RunSpec spec = new RunSpec(name, kafka.bootstrapServers(), kafka.clientProperties(),
                name + "-in", name + "-out", name + "-dlq",
                workspace.tablePath(name), workspace.checkpointPath(name),
                TriggerPolicy.processingTime(Duration.ZERO), Optional.empty());
        kafka.createTopic(spec.inputTopic(), pipeline.inputPartitions());
        kafka.createTopic(spec.outputTopic(), 3);
        kafka.createTopic(spec.dlqTopic(), 1);
        return new TestRun(spec, this);
    }

    /** The run described by {@code spec}, whose topics and folders exist (a child JVM's view of its parent's run). */
    public TestRun existingRun(RunSpec spec) {
        return new TestRun(spec, this);
    }

    /** Stops every query still running: a check that failed midway must not leave its query to the next. */
    public void stopActiveQueries() {
        for (var query : spark.streams().active()) {
            try {
                query.stop();
            } catch (Exception e) {
                // Best effort: the check's own failure is already reported.
            }
        }
    }

    /** Produces events {@code from} .. {@code from + count - 1} to the run's input and waits for every acknowledgement. */
    public void produce(TestRun run, long from, int count) {
        try (KafkaProducer<String, String> producer = kafka.newProducer(Map.of("linger.ms", 5))) {
            events.publish(producer, run.inputTopic(), from, count);
        }
    }
}
