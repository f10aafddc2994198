package io.streampatterns.benchmarks.e2e;

import io.streampatterns.harness.data.EventGenerator;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends events at a fixed rate, evenly spread (each event has its due time; every 0.2 ms the
 * generator sends those that are due), each stamped with its send time in the
 * {@value EventGenerator#PRODUCED_AT_HEADER} header. How late it fell behind its schedule is kept:
 * on a starved machine the generator itself is late, and that must show in the report rather than
 * lower the rate unnoticed.
 */
public final class LoadGenerator {
    private static final long TICK_NANOS = 200_000;

    /**
     * @param sent events sent
     * @param startMs when the first was due (epoch ms)
     * @param endMs when the last was sent (epoch ms)
     * @param maxBehindMs the longest the generator was behind its schedule
     * @param failed sends the broker did not acknowledge
     */
    public record Result(long sent, long startMs, long endMs, long maxBehindMs, long failed) {
        /** The rate achieved. */
        public double eventsPerSecond() {
            return Throughput.perSecond(sent, endMs - startMs);
        }
    }

    private LoadGenerator() {
    }

    /** Sends {@code rate} events per second for {@code duration}, seqs from 0, then flushes. */
    public static Result run(Producer<String, String> producer, EventGenerator events, String topic, int rate,
                             Duration duration) {
        return run(producer, seq -> events.record(topic, seq), rate, duration);
    }

    /** Sends {@code rate} records per second for {@code duration}, {@code record} of seqs from 0, then flushes. */
    public static <K, V> Result run(Producer<K, V> producer, LongFunction<ProducerRecord<K, V>> record, int rate,
                                    Duration duration) {
        long total = rate * duration.toSeconds();
        AtomicLong failed = new AtomicLong();
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        long startNanos = System.nanoTime();
        long startMs = System.currentTimeMillis();
        long maxBehindNanos = 0;
        long seq = 0;
        while (seq < total) {
            long elapsed = System.nanoTime() - startNanos;
            long due = Math.min(total, elapsed * rate / 1_000_000_000L + 1);
            if (seq < due) {
                long dueNanos = seq * 1_000_000_000L / rate;
                maxBehindNanos = Math.max(maxBehindNanos, elapsed - dueNanos);
            }
            while (seq < due) {
                producer.send(record.apply(seq++), (meta, e) -> {
                    if (e != null) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, e);
                    }
                });
            }
            LockSupport.parkNanos(TICK_NANOS);
        }
        long endMs = System.currentTimeMillis();
        producer.flush();
        return new Result(seq, startMs, endMs, maxBehindNanos / 1_000_000, failed.get());
    }
}
