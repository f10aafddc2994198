package io.streampatterns.harness.conformance;

import io.streampatterns.core.StreamingPattern;
import io.streampatterns.core.dlq.DeadLetterRecord;
import io.streampatterns.harness.data.InvalidEvents;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * How the harness runs one pattern: it builds the pattern on a run's resources and reads what the
 * pattern wrote back as sequence numbers. A check is written once against this interface and
 * applies to every pattern that has a fixture (after Flink's connector testing framework, where
 * suites are written once and each connector injects its external context).
 *
 * <p>To put a new pattern under the harness, write one class implementing this and list it in
 * {@link PatternFixtures}.
 */
public interface PatternFixture {

    /** The pattern's name in reports, e.g. {@code bronze}. */
    String name();

    /** Partitions of the input topic; at least 2, so ordering and lag are checked per partition. */
    default int inputPartitions() {
        return 3;
    }

    /**
     * Builds the pattern on {@code run}: it reads the events the harness produced to
     * {@code run.inputTopic()} (JSON of the event schema, see
     * {@link io.streampatterns.harness.data.EventGenerator}), honours the run's trigger and batch
     * cap, and writes where the run says. Create any extra resource (a dimension table) here.
     */
    StreamingPattern build(PatternRun run, ConformanceEnvironment env);

    /**
     * Produces input events {@code from} .. {@code from + count - 1} and waits for their
     * acknowledgement. The default sends the generator's JSON; a pattern with another input format
     * (Avro) overrides it.
     */
    default void produce(PatternRun run, ConformanceEnvironment env, long from, int count) {
        env.produce(run, from, count);
    }

    /**
     * Produces {@code count} records the pattern must reject, numbered from {@code from}, and returns
     * where each landed and why it must be rejected. The default sends JSON that is malformed,
     * wrongly typed or missing a required field; a pattern with another input format overrides it.
     */
    default List<InvalidEvents.Sent> produceInvalid(PatternRun run, ConformanceEnvironment env, long from, int count) {
        try (KafkaProducer<String, String> producer = env.kafka().newProducer(java.util.Map.of())) {
            return new InvalidEvents(env.events()).publish(producer, run.inputTopic(), from, count);
        }
    }

    /**
     * The {@code seq} of an input record, from its value as produced by {@link #produce}; -1 when it
     * has none. The default reads the generator's JSON; a pattern with another input format overrides it.
     */
    default long inputSeq(byte[] value) {
        return OutputReaders.jsonSeq(value);
    }

    /**
     * The {@code seq} of every record in the pattern's main output, duplicates kept, any order.
     * Only called for patterns with {@link io.streampatterns.core.Capability#TRACEABLE_RECORDS}.
     */
    long[] outputSeqs(PatternRun run, ConformanceEnvironment env);

    /** The pattern's dead letters; empty for a pattern without a dead letter queue. */
    default List<DeadLetterRecord> deadLetters(PatternRun run, ConformanceEnvironment env) {
        return List.of();
    }
}
