package io.streampatterns.harness.data;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Deterministic events: {@link #event(long)} is a pure function of the seed and the sequence
 * number, so a check can recompute what any seq should look like without storing what was sent,
 * and a failing run repeats with the same seed.
 *
 * <p>Event times start at {@link #EPOCH} and advance {@link #SPACING} per seq. About 10% of events
 * are high priority and 5% are errors.
 */
public final class EventGenerator {
    /** The events' schema, for parsing their JSON. */
    public static final StructType SCHEMA = new StructType()
            .add("event_id", DataTypes.StringType)
            .add("user_id", DataTypes.StringType)
            .add("event_type", DataTypes.StringType)
            .add("priority", DataTypes.StringType)
            .add("amount", DataTypes.DoubleType)
            .add("event_time", DataTypes.TimestampType)
            .add("seq", DataTypes.LongType);

    /**
     * The field producers add in the schema evolution check: not in {@link #SCHEMA}, a string whose
     * value ({@link #addedFieldValue}) differs per event, so it can be found in any output format.
     */
    public static final String ADDED_FIELD = "coupon_code";

    /** Header holding the producer's wall-clock time in epoch millis, for end-to-end latency. */
    public static final String PRODUCED_AT_HEADER = "produced_at_ms";
    public static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    public static final Duration SPACING = Duration.ofMillis(10);
    public static final int USERS = 1_000;

    private static final String[] TYPES = {"click", "view", "purchase", "search"};

    private final long seed;

    public EventGenerator(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    public Event event(long seq) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + seq);
        int roll = random.nextInt(100);
        String type = roll < 5 ? "error" : TYPES[random.nextInt(TYPES.length)];
        String priority = random.nextInt(100) < 10 ? "high" : "normal";
        double amount = Math.round(random.nextDouble(0, 500) * 100) / 100.0;
        return new Event(seq, String.format("evt-%08d", seq), "user-" + random.nextInt(USERS), type, priority,
                amount, EPOCH.plus(SPACING.multipliedBy(seq)));
    }

    /** The value of {@link #ADDED_FIELD} in event {@code seq}. */
    public static String addedFieldValue(long seq) {
        return "cpn-" + seq;
    }

    /** The record for {@code seq}: keyed by user, the event as JSON, stamped with the send time. */
    public ProducerRecord<String, String> record(String topic, long seq) {
        Event event = event(seq);
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, event.userId(), event.toJson());
        record.headers().add(PRODUCED_AT_HEADER,
                ByteBuffer.allocate(Long.BYTES).putLong(System.currentTimeMillis()).array());
        return record;
    }

    /**
     * Sends seqs {@code from} to {@code from + count - 1} and waits until the broker acknowledged each.
     *
     * @throws IllegalStateException naming the first seq that was not acknowledged
     */
    public void publish(Producer<String, String> producer, String topic, long from, int count) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(count);
        for (long seq = from; seq < from + count; seq++) {
            acks.add(producer.send(record(topic, seq)));
        }
        producer.flush();
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("seq " + (from + i) + " was not acknowledged by " + topic, e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for acknowledgements", e);
            }
        }
    }
}
