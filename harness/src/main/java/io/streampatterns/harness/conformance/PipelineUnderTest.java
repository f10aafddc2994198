package io.streampatterns.harness.conformance;

import io.streampatterns.core.Sink.DeliveryGuarantee;
import io.streampatterns.harness.data.EventGenerator;
import io.streampatterns.harness.data.InvalidEvents;
import io.streampatterns.core.Capability;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * A Structured Streaming job under the conformance kit: how to start it on the resources of one
 * run, what it promises, and where its output and dead letters land. Any job can be put under the
 * kit this way, whether or not it uses a class of this project; a test class extending
 * {@link PipelineConformanceSuite} then runs every check on it.
 *
 * <p>The kit produces sequence-numbered JSON events ({@link EventGenerator#SCHEMA}, each with a
 * {@code seq}) to {@link TestRun#inputTopic()}, starts the job, waits until it has caught up, and
 * reads the output back by seq. A check that needs a capability the job does not declare is
 * reported as skipped with its reason.
 *
 * <p>An implementation needs a public no-argument constructor: the crash check starts it again in
 * a child JVM, by class name, on the test's own classpath.
 */
public interface PipelineUnderTest {

    /** The pipeline's name in reports; by default the class's simple name. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** What the output holds after failures and restarts. */
    DeliveryGuarantee deliveryGuarantee();

    /** What the job promises beyond its guarantee; checks needing more are skipped with the reason. */
    Set<Capability> capabilities();

    /**
     * Starts the job on {@code run} and returns its query, started. The job reads
     * {@code run.inputTopic()} with {@code run.sparkKafkaOptions()}, writes where {@link #output}
     * says, keeps its checkpoint at {@code run.checkpointLocation()}, and honours {@code run.trigger()}
     * and {@code run.maxOffsetsPerTrigger()} where it declares SLA_TRIGGER and CAPPED_BATCHES.
     * Create any extra resource here (in {@code run.folder()}); a restart calls this again on the same run.
     */
    StreamingQuery start(TestRun run) throws Exception;

    /** Where the main output of {@code run} lands and how a record leads back to its input. */
    OutputLocation output(TestRun run);

    /** Where rejected records go; empty (the default) for a job without a dead letter queue. */
    default Optional<DeadLetterLocation> deadLetters(TestRun run) {
        return Optional.empty();
    }

    /**
     * The windowed aggregates the job writes, for the aggregates check; empty (the default) for a
     * job that writes records, not aggregates.
     */
    default Optional<WindowedAggregates> aggregates(TestRun run) {
        return Optional.empty();
    }

    /**
     * The p99 end-to-end latency the job promises under the latency check's load, after warm-up;
     * empty (the default) for a job that promises none.
     */
    default Optional<Duration> latencyBudget() {
        return Optional.empty();
    }

    /** Partitions of the input topic; at least 2, so order and lag are checked per partition. */
    default int inputPartitions() {
        return 3;
    }

    /**
     * Produces input events {@code from} .. {@code from + count - 1} and waits for their
     * acknowledgement. The default sends the generator's JSON; a job with another input format overrides it.
     */
    default void produce(TestRun run, long from, int count) {
        run.environment().produce(run, from, count);
    }

    /**
     * The input record of event {@code seq}, as {@link #produce} writes it, for a producer that sends
     * one record at a time at a steady rate (the chaos run's). The default is the generator's JSON
     * keyed by user, stamped with the send time; a job with another input format overrides it
     * together with {@link #produce}.
     */
    default ProducerRecord<byte[], byte[]> inputRecord(TestRun run, long seq) {
        ProducerRecord<String, String> json = run.environment().events().record(run.inputTopic(), seq);
        return new ProducerRecord<>(json.topic(), null, json.key().getBytes(StandardCharsets.UTF_8),
                json.value().getBytes(StandardCharsets.UTF_8), json.headers());
    }

    /**
     * The input record of event {@code seq} in the shape producers move to later, for the schema
     * evolution check: the event with one field more, {@link EventGenerator#ADDED_FIELD}, valued
     * {@link EventGenerator#addedFieldValue}. The default adds that member to the JSON of
     * {@link #inputRecord}; a job with another input format overrides it (Avro: a newer writer
     * schema with the field, defaulted).
     */
    default ProducerRecord<byte[], byte[]> evolvedInputRecord(TestRun run, long seq) {
        ProducerRecord<byte[], byte[]> record = inputRecord(run, seq);
        byte[] value = Json.withMember(record.value(), EventGenerator.ADDED_FIELD, EventGenerator.addedFieldValue(seq));
        return new ProducerRecord<>(record.topic(), record.partition(), record.key(), value, record.headers());
    }

    /**
     * Produces {@code count} records the job must reject, numbered from {@code from}, and returns where
     * each landed and why it must be rejected. The default sends JSON that is malformed, wrongly typed
     * or missing a required field ({@code event_id}).
     */
    default List<InvalidEvents.Sent> produceInvalid(TestRun run, long from, int count) {
        try (KafkaProducer<String, String> producer = run.environment().kafka().newProducer(Map.of())) {
            return new InvalidEvents(run.environment().events()).publish(producer, run.inputTopic(), from, count);
        }
    }

    /**
     * A poison record numbered {@code seq}: input the job accepts as valid, in its own input format,
     * that makes its own transformation throw (not a parse failure), for a job declaring
     * GUARDED_TRANSFORMATION; empty (the default) for a job that names none.
     */
    default Optional<ProducerRecord<byte[], byte[]>> poisonRecord(TestRun run, long seq) {
        return Optional.empty();
    }

    /** The {@code seq} of an input value as {@link #produce} wrote it; -1 when it has none. */
    default long inputSeq(byte[] value) {
        return Json.longField(value, "seq");
    }
}
