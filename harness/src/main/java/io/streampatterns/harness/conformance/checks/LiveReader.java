package io.streampatterns.harness.conformance.checks;

import io.streampatterns.harness.conformance.ConformanceEnvironment;
import io.streampatterns.harness.conformance.OutputLocation;
import io.streampatterns.harness.delta.DeltaTableReader;
import io.streampatterns.harness.kafka.KafkaEndpoint;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A downstream reader of a pipeline's output while the pipeline runs, on a thread of its own,
 * through whatever happens to brokers and drivers; it writes down each record as it saw it (its
 * seq and when, in milliseconds since the reader started), so a check judges what readers saw, not
 * only what the output holds at the end. A Kafka topic is read as a team's consumer reads it
 * ({@code read_committed}, every partition from the beginning); a Delta table as a reader polling
 * its latest version each {@value #TABLE_POLL_MS} ms, a row first seen in the version it appeared in.
 */
final class LiveReader implements AutoCloseable {
    private static final long TABLE_POLL_MS = 500;

    /** One record as the reader saw it. */
    record Seen(long seq, long atMillis) {
    }

    private final List<Seen> seen = new ArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "live-reader"));
    private final long startNanos = System.nanoTime();
    private final Future<?> reading;

    private LiveReader(Poller poller) {
        reading = thread.submit(() -> {
            try (poller) {
                while (!stop.get()) {
                    List<Long> seqs = poller.poll();
                    long at = millisNow();
                    synchronized (seen) {
                        seqs.forEach(seq -> seen.add(new Seen(seq, at)));
                    }
                }
            }
            return null;
        });
    }

    /** Starts reading {@code output}, which must exist (a topic) or may appear later (a table). */
    static LiveReader of(ConformanceEnvironment env, OutputLocation output) {
        if (output instanceof OutputLocation.DeltaTable table) {
            return new LiveReader(new TablePoller(() -> new DeltaTableReader(env.spark(), table.path()), table));
        }
        OutputLocation.KafkaTopic topic = (OutputLocation.KafkaTopic) output;
        return new LiveReader(new TopicPoller(env.kafka(), topic));
    }

    /** Milliseconds since the reader started: the clock of {@link Seen#atMillis()}, for marking events on it. */
    long millisNow() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** What the reader saw so far, in order. */
    List<Seen> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    /** Waits until the reader has seen at least {@code records} records, or {@code within} passed. */
    void awaitCount(long records, Duration within) throws Exception {
        awaitUntil(() -> seen().size() >= records, within);
    }

    /** Waits until the reader has seen every seq in {@code from} .. {@code to - 1}, or {@code within} passed. */
    void awaitSeqs(long from, long to, Duration within) throws Exception {
        awaitUntil(() -> {
            Set<Long> distinct = new HashSet<>();
            seen().forEach(s -> distinct.add(s.seq()));
            return LongStream.range(from, to).allMatch(distinct::contains);
        }, within);
    }

    private void awaitUntil(Supplier<Boolean> done, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (!done.get() && System.nanoTime() < deadline && !reading.isDone()) {
            Thread.sleep(200);
        }
        if (reading.isDone()) {
            reading.get(); // the reader itself failed: say why
        }
    }

    @Override
    public void close() {
        stop.set(true);
        thread.shutdown();
        try {
            thread.awaitTermination(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One way of looking at an output: the seqs that appeared since the last look. */
    private interface Poller extends AutoCloseable {
        List<Long> poll() throws Exception;

        @Override
        default void close() {
        }
    }

    private static final class TopicPoller implements Poller {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final OutputLocation.KafkaTopic topic;

        TopicPoller(KafkaEndpoint kafka, OutputLocation.KafkaTopic topic) {
            this.topic = topic;
            this.consumer = kafka.newConsumer(new ByteArrayDeserializer(), new ByteArrayDeserializer(), null,
                    Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic.topic(), Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic.topic(), info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        @Override
        public List<Long> poll() {
            List<Long> seqs = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                seqs.add(topic.lineage().seqOf(record));
            }
            return seqs;
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private static final class TablePoller implements Poller {
        private final Supplier<DeltaTableReader> reader;
        private final OutputLocation.DeltaTable table;
        private final Map<Long, Integer> copies = new HashMap<>();

        TablePoller(Supplier<DeltaTableReader> reader, OutputLocation.DeltaTable table) {
            this.reader = reader;
            this.table = table;
        }

        /** The rows of the latest version that the last look did not have (a seq's extra copies too). */
        @Override
        public List<Long> poll() throws InterruptedException {
            Thread.sleep(TABLE_POLL_MS);
            if (!new File(table.path(), "_delta_log/00000000000000000000.json").isFile()) { // no version yet
                return List.of();
            }
            Map<Long, Integer> now = new HashMap<>();
            for (long seq : reader.get().seqs(table.seqColumn())) {
                now.merge(seq, 1, Integer::sum);
            }
            List<Long> appeared = new ArrayList<>();
            now.forEach((seq, count) -> {
                for (int copy = copies.getOrDefault(seq, 0); copy < count; copy++) {
                    appeared.add(seq);
                }
            });
            copies.putAll(now);
            return appeared;
        }
    }
}
