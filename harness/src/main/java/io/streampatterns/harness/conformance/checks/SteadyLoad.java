package io.streampatterns.harness.conformance.checks;

import io.streampatterns.harness.conformance.PipelineUnderTest;
import io.streampatterns.harness.conformance.TestRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One second's events each second, as the pipeline's own input records
 * ({@link PipelineUnderTest#inputRecord}), on a thread of its own, until stopped or for a number of
 * seconds. One long-lived producer sends them: it rides out a broker outage with its own retries (a
 * producer made during one can fail for good), and each record is sent once, so no input seq is
 * doubled. Every second's records are acknowledged before the next second's are sent.
 */
final class SteadyLoad implements AutoCloseable {
    private final AtomicBoolean loading = new AtomicBoolean(true);
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "steady-load"));
    private final Future<Long> sent;

    private SteadyLoad(PipelineUnderTest pipeline, TestRun run, long from, int eventsPerSecond, long seconds) {
        this.sent = thread.submit(() -> send(pipeline, run, from, eventsPerSecond, seconds));
    }

    /** Starts sending from seq {@code from} until {@link #stop()}. */
    static SteadyLoad start(PipelineUnderTest pipeline, TestRun run, long from, int eventsPerSecond) {
        return new SteadyLoad(pipeline, run, from, eventsPerSecond, Long.MAX_VALUE);
    }

    /** Sends {@code seconds} seconds of events from seq {@code from}; returns how many, once all are acknowledged. */
    static long forSeconds(PipelineUnderTest pipeline, TestRun run, long from, int eventsPerSecond, long seconds)
            throws Exception {
        try (SteadyLoad load = new SteadyLoad(pipeline, run, from, eventsPerSecond, seconds)) {
            return load.awaitSent();
        }
    }

    /** Stops after the second under way; returns how many events were sent, all acknowledged. */
    long stop() throws Exception {
        loading.set(false);
        return awaitSent();
    }

    private long awaitSent() throws Exception {
        try {
            return sent.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the steady load could not send its events: " + e.getCause(), e.getCause());
        }
    }

    private long send(PipelineUnderTest pipeline, TestRun run, long from, int eventsPerSecond, long seconds)
            throws Exception {
        long seq = from;
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> kafka = run.environment().kafka().newProducer(new ByteArraySerializer(),
                new ByteArraySerializer(), Map.of(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000,
                        ProducerConfig.MAX_BLOCK_MS_CONFIG, 300_000, ProducerConfig.LINGER_MS_CONFIG, 5))) {
            for (long second = 0; second < seconds && loading.get(); second++) {
                List<Future<RecordMetadata>> acks = new ArrayList<>();
                for (long end = seq + eventsPerSecond; seq < end; seq++) {
                    acks.add(kafka.send(pipeline.inputRecord(run, seq)));
                }
                for (Future<RecordMetadata> ack : acks) {
                    ack.get();
                }
                long next = start + (second + 1) * 1_000_000_000L;
                while (System.nanoTime() < next && (loading.get() || second + 1 < seconds)) {
                    LockSupport.parkNanos(next - System.nanoTime());
                }
            }
        }
        return seq - from;
    }

    /** Stops the load without waiting for its count. */
    @Override
    public void close() {
        loading.set(false);
        thread.shutdownNow();
    }
}
