package io.streampatterns.harness.data;

import io.streampatterns.core.dlq.DlqReason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Records a validating pipeline must reject, one kind after another, each with the reason it
 * should be rejected for. Each carries a seq where its kind allows, so a record that leaks into
 * the valid output is caught by seq, and its coordinates come from the broker's acknowledgement,
 * so its dead letter can be matched to it.
 */
public final class InvalidEvents {

    /** A rejected record as sent: where it landed and why it must be rejected. */
    public record Sent(int partition, long offset, long seq, DlqReason expectedReason) {
    }

    private final EventGenerator events;

    public InvalidEvents(EventGenerator events) {
        this.events = events;
    }

    /** The payload of invalid record {@code seq}: malformed, wrongly typed, or missing a required field. */
    public static DlqReason reasonFor(long seq) {
        return switch ((int) (seq % 3)) {
            case 0 -> DlqReason.MALFORMED_JSON;
            case 1 -> DlqReason.SCHEMA_VALIDATION_FAILED;
            default -> DlqReason.MISSING_REQUIRED_FIELD;
        };
    }

    public String payload(long seq) {
        String valid = events.event(seq).toJson();
        return switch (reasonFor(seq)) {
            case MALFORMED_JSON -> "{\"seq\":" + seq + ", this is not json";
            case SCHEMA_VALIDATION_FAILED -> valid.replaceFirst("\"amount\":[0-9.]+", "\"amount\":\"not a number\"");
            default -> valid.replaceFirst("\"event_id\":\"[^\"]*\",", "");
        };
    }

    /** Sends invalid records {@code from} .. {@code from + count - 1} and waits for their acknowledgements. */
    public List<Sent> publish(Producer<String, String> producer, String topic, long from, int count) {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (long seq = from; seq < from + count; seq++) {
            acks.add(producer.send(new ProducerRecord<>(topic, "invalid-" + seq, payload(seq))));
        }
        producer.flush();
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < acks.size(); i++) {
            try {
                RecordMetadata meta = acks.get(i).get();
                sent.add(new Sent(meta.partition(), meta.offset(), from + i, reasonFor(from + i)));
            } catch (ExecutionException e) {
                throw new IllegalStateException("invalid record " + (from + i) + " was not acknowledged", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return sent;
    }
}
