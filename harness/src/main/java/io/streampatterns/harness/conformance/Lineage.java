package io.streampatterns.harness.conformance;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * How an output record in a Kafka topic leads back to the input record it came from: the input's
 * {@code seq}, found in a field of the JSON value, in a header, or by a function of the pipeline's own.
 * A record without one reads as -1 (the checks report it as a record that was never sent).
 */
@FunctionalInterface
public interface Lineage {

    /** The input {@code seq} that {@code record} came from, or -1 when it carries none. */
    long seqOf(ConsumerRecord<byte[], byte[]> record);

    /** The seq is a top-level field of the JSON value, e.g. {@code jsonField("seq")}. */
    static Lineage jsonField(String field) {
        return record -> Json.longField(record.value(), field);
    }

    /** The seq is a header whose value is the number as UTF-8 text. */
    static Lineage header(String name) {
        return record -> {
            Header header = record.headers().lastHeader(name);
            if (header == null || header.value() == null) {
                return -1;
            }
            try {
                return Long.parseLong(new String(header.value(), StandardCharsets.UTF_8).trim());
            } catch (NumberFormatException e) {
                return -1;
            }
        };
    }
}
