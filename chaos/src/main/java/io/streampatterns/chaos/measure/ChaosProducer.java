package io.streampatterns.chaos.measure;

import io.streampatterns.harness.kafka.KafkaEndpoint;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes sequence-numbered events (seq 0, 1, 2, ...) to the input topic at a steady rate while faults
 * happen, and remembers which seqs the brokers acknowledged.
 *
 * <p>A record counts as acknowledged only when its send callback reported success: with
 * {@code acks=all} and {@code min.insync.replicas=2} that means two replicas had it. That is the
 * promise the chaos verdict holds the pipeline to ("lost" = acknowledged but not in the output). The
 * producer is idempotent, retries without limit within a generous delivery timeout, and sends on a
 * schedule: if it falls behind (a send blocked while a broker was down) it catches up, like a client
 * with a buffer would.
 */
public final class ChaosProducer implements AutoCloseable {
    /** Long enough for a record to outlive any fault a scenario injects. */
    static final int DELIVERY_TIMEOUT_MS = 300_000;
    private static final int FAILURES_KEPT = 5;

    private final KafkaProducer<byte[], byte[]> producer;
    private final LongFunction<ProducerRecord<byte[], byte[]>> records;
    private final int ratePerSecond;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "chaos-producer");
        t.setDaemon(true);
        return t;
    });
    private final BitSet acked = new BitSet();
    private final AtomicLong ackedCount = new AtomicLong();
    private final AtomicLong failedCount = new AtomicLong();
    private final List<String> failures = new ArrayList<>();
    private volatile long next;
    private volatile boolean sending;
    private long startedNanos;
    private boolean closed;

    /**
     * @param kafka where to write
     * @param records the input record of each seq, in the pipeline's input format (the same for a seq in
     *     every run but its send time)
     * @param ratePerSecond records per second
     */
    public ChaosProducer(KafkaEndpoint kafka, LongFunction<ProducerRecord<byte[], byte[]>> records, int ratePerSecond) {
        if (ratePerSecond <= 0) {
            throw new IllegalArgumentException("rate: expected records per second above 0, got " + ratePerSecond);
        }
        this.producer = kafka.newProducer(new ByteArraySerializer(), new ByteArraySerializer(), Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 120_000));
        this.records = records;
        this.ratePerSecond = ratePerSecond;
    }

    /** Starts sending, from seq 0, on a background thread. */
    public synchronized void start() {
        if (sending || closed) {
            throw new IllegalStateException("the producer has already started");
        }
        sending = true;
        startedNanos = System.nanoTime();
        scheduler.scheduleAtFixedRate(this::sendDue, 0, 10, TimeUnit.MILLISECONDS);
    }

    /** Sends every seq due by now at the rate. Runs on the scheduler thread only. */
    private void sendDue() {
        long due = (System.nanoTime() - startedNanos) * ratePerSecond / 1_000_000_000L;
        while (sending && next < due) {
            long seq = next;
            try {
                producer.send(records.apply(seq), (metadata, error) -> completed(seq, error));
            } catch (RuntimeException e) {
                completed(seq, e);
            }
            next = seq + 1;
        }
    }

    private void completed(long seq, Exception error) {
        if (error == null) {
            synchronized (acked) {
                acked.set((int) seq);
            }
            ackedCount.incrementAndGet();
            return;
        }
        failedCount.incrementAndGet();
        synchronized (failures) {
            if (failures.size() < FAILURES_KEPT) {
                failures.add("seq " + seq + ": " + error);
            }
        }
    }

    /**
     * Stops sending, waits until every record sent has been acknowledged or has failed, and closes
     * the producer. Idempotent.
     */
    public synchronized void stop() {
        if (closed) {
            return;
        }
        closed = true;
        sending = false;
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.flush();
        producer.close();
    }

    @Override
    public void close() {
        stop();
    }

    /** Seqs handed to the producer so far. */
    public long produced() {
        return next;
    }

    /** Seqs the brokers acknowledged so far. */
    public long acknowledged() {
        return ackedCount.get();
    }

    /** Seqs whose send failed (not acknowledged within the delivery timeout, or refused). */
    public long failed() {
        return failedCount.get();
    }

    /** The first few failures, for the report. */
    public List<String> firstFailures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    /** The acknowledged seqs (a copy). */
    public BitSet acknowledgedSeqs() {
        synchronized (acked) {
            return (BitSet) acked.clone();
        }
    }
}
