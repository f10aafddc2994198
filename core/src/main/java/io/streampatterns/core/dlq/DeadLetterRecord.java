package io.streampatterns.core.dlq;

import java.time.Instant;
import java.util.Map;

/**
 * A record that a pipeline could not process, with why and where it came from.
 *
 * <p>On Kafka it is written with the original key, a JSON value holding the fields below (the
 * original value both as text and, exactly, as base64), and the original headers followed by
 * headers named after Kafka Connect's dead letter convention ({@code __connect.errors.topic},
 * {@code .partition}, {@code .offset}, {@code .exception.class.name}, {@code .exception.message},
 * {@code .connector.name}), so tools built for Connect's DLQs can read it.
 *
 * @param key the original key, as text
 * @param originalValue the original value bytes, unchanged
 * @param reason why it was rejected
 * @param detail what exactly was wrong, for a person
 * @param sourceTopic where it was read
 * @param sourcePartition where it was read
 * @param sourceOffset where it was read
 * @param pipeline the pipeline that rejected it
 * @param dlqTimestamp when it was rejected
 * @param headers every header on the dead letter, original and added
 */
public record DeadLetterRecord(
        String key,
        byte[] originalValue,
        DlqReason reason,
        String detail,
        String sourceTopic,
        int sourcePartition,
        long sourceOffset,
        String pipeline,
        Instant dlqTimestamp,
        Map<String, String> headers) {

    /** JSON field names of the value. */
    public static final class Fields {
        public static final String REASON = "reason";
        public static final String DETAIL = "detail";
        public static final String SOURCE_TOPIC = "source_topic";
        public static final String SOURCE_PARTITION = "source_partition";
        public static final String SOURCE_OFFSET = "source_offset";
        public static final String PIPELINE = "pipeline";
        public static final String DLQ_TIMESTAMP = "dlq_timestamp";
        public static final String ORIGINAL_KEY = "original_key";
        public static final String ORIGINAL_VALUE = "original_value";
        public static final String ORIGINAL_VALUE_BASE64 = "original_value_base64";

        private Fields() {
        }
    }

    /** Header names, after Kafka Connect's {@code errors.deadletterqueue.context.headers.enable}. */
    public static final class Headers {
        public static final String TOPIC = "__connect.errors.topic";
        public static final String PARTITION = "__connect.errors.partition";
        public static final String OFFSET = "__connect.errors.offset";
        public static final String REASON = "__connect.errors.exception.class.name";
        public static final String DETAIL = "__connect.errors.exception.message";
        public static final String PIPELINE = "__connect.errors.connector.name";

        private Headers() {
        }
    }
}
