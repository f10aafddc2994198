package io.streampatterns.harness.conformance;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A job's windowed aggregates in a Kafka topic, described well enough for the kit to recompute them
 * from the input and compare: tumbling event-time windows of {@code window} over the input's
 * event-time field, grouped by an input field, counting events (and summing a measure).
 *
 * <p>The topic is read as a changelog: updates of a window are allowed, and the latest record of
 * each window and group (by offset, within its partition) is the job's final answer.
 *
 * @param topic where the aggregates are written
 * @param window the tumbling window's length
 * @param eventTimeField the input field holding each event's time (ISO-8601), e.g. {@code event_time}
 * @param groupField the input field the job groups by, e.g. {@code event_type}
 * @param measureField the input field whose sum {@link Aggregate#sum()} reports, e.g. {@code amount}
 * @param reader reads one output record
 */
public record WindowedAggregates(String topic, Duration window, String eventTimeField, String groupField, String measureField,
                                 Function<ConsumerRecord<byte[], byte[]>, Aggregate> reader) {

    /**
     * One output record: the group, the window's start, the count, and the measure's sum where the
     * job reports one (a job reporting an average reports {@code avg × count}).
     */
    public record Aggregate(String group, Instant windowStart, long count, OptionalDouble sum) {
        /** The identity of a window and group, as the check matches them. */
        public String key() {
            return group + "@" + windowStart;
        }
    }
}
