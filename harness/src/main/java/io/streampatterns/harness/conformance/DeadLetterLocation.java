package io.streampatterns.harness.conformance;

import io.streampatterns.core.dlq.DeadLetterRecord;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Where a pipeline sends the records it rejects, and how to read one back as a {@link DeadLetterRecord}
 * (reason, detail, source topic, partition and offset).
 *
 * @param topic the dead letter topic
 * @param reader turns one record of the topic into a dead letter
 */
public record DeadLetterLocation(String topic, Function<ConsumerRecord<byte[], byte[]>, DeadLetterRecord> reader) {

    /**
     * Dead letters in this project's envelope (see {@link DeadLetterRecord}): a JSON value with
     * {@code reason}, {@code detail}, {@code source_topic}, {@code source_partition},
     * {@code source_offset} and the original value; the reason is a {@link io.streampatterns.core.dlq.DlqReason} name.
     */
    public static DeadLetterLocation kafkaTopic(String topic) {
        return new DeadLetterLocation(topic, OutputReaders::deadLetter);
    }

    /** Dead letters in a format of the pipeline's own, read by {@code reader}. */
    public static DeadLetterLocation kafkaTopic(String topic,
                                                Function<ConsumerRecord<byte[], byte[]>, DeadLetterRecord> reader) {
        return new DeadLetterLocation(topic, reader);
    }
}
