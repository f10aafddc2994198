package io.streampatterns.harness.conformance;

import io.streampatterns.core.monitor.ConsumerLag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * The kit's handle on a started job: its query, every progress event of this run, and the consumer
 * lag they report. The kit listens to the session itself, so it needs nothing from the job but its
 * {@link StreamingQuery}. Closing it stops the query.
 */
public final class RunningJob implements AutoCloseable {
    private static final Duration CATCH_UP = Duration.ofMinutes(5);

    private final StreamingQuery query;
    private final Recorder recorder;
    private final SparkSession spark;
    private final boolean realTime;

    private RunningJob(StreamingQuery query, Recorder recorder, SparkSession spark, boolean realTime) {
        this.query = query;
        this.recorder = recorder;
        this.spark = spark;
        this.realTime = realTime;
    }

    /**
     * Starts {@code pipeline} on {@code run}, listening to its progress from its first batch.
     *
     * @param realTime whether the job runs in Real-Time Mode, where catching up is judged by lag
     */
    public static RunningJob start(PipelineUnderTest pipeline, TestRun run, boolean realTime) throws Exception {
        Recorder recorder = new Recorder();
        run.spark().streams().addListener(recorder);
        try {
            StreamingQuery query = pipeline.start(run);
            if (query == null) {
                throw new IllegalStateException(pipeline.name() + ".start(run) returned no query; expected the started StreamingQuery");
            }
            return new RunningJob(query, recorder, run.spark(), realTime);
        } catch (Exception | Error e) {
            run.spark().streams().removeListener(recorder);
            throw e;
        }
    }

    public StreamingQuery query() {
        return query;
    }

    /** Every progress event of this run, oldest first. */
    public List<StreamingQueryProgress> progressHistory() {
        return recorder.of(query.runId());
    }

    /** Per-partition lag as of the last batch: the source's latest offsets minus what the job read. */
    public ConsumerLag consumerLag() {
        List<StreamingQueryProgress> history = progressHistory();
        return history.isEmpty() ? ConsumerLag.NONE : ConsumerLag.of(history.get(history.size() - 1));
    }

    /**
     * Blocks until what was available at the source when called has been processed and its progress
     * has reached this handle. In Real-Time Mode Spark's {@code processAllAvailable} can return with
     * records unread, even before the first batch ended (seen on a standalone cluster), so there it
     * repeats until a batch has reported and its lag is zero.
     */
    public void processAllAvailable() {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        do {
            query.processAllAvailable();
            awaitProgress(deadline);
        } while (realTime && (progressHistory().isEmpty() || consumerLag().total() > 0) && query.isActive()
                && System.nanoTime() < deadline);
    }

    /**
     * Blocks until the job has read every partition of {@code ends} up to its offset there (the
     * broker's end offsets when called), including partitions it did not know when it started;
     * {@link #processAllAvailable()} alone may return before the source has seen a new partition.
     *
     * @return whether it had within {@code within}; false leaves what it had read to the caller's verdict
     * @throws IllegalStateException when the query stopped first
     */
    public boolean catchUpWith(Map<org.apache.kafka.common.TopicPartition, Long> ends, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            processAllAvailable();
            Map<String, Long> read = readUpTo();
            if (ends.entrySet().stream().allMatch(end ->
                    read.getOrDefault(end.getKey().topic() + "-" + end.getKey().partition(), -1L) >= end.getValue())) {
                return true;
            }
            if (!query.isActive()) {
                throw new IllegalStateException(query.name() + " stopped before it caught up with " + ends
                        + "; it had read up to " + read, query.exception().isDefined() ? query.exception().get() : null);
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }

    /** The offset the last batch read up to, per {@code topic-partition}, over the job's Kafka sources. */
    private Map<String, Long> readUpTo() {
        StreamingQueryProgress last = query.lastProgress();
        Map<String, Long> read = new java.util.TreeMap<>();
        if (last == null) {
            return read;
        }
        for (var source : last.sources()) {
            var offsets = Json.tree(source.endOffset() == null ? null
                    : source.endOffset().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            if (offsets.isObject()) {
                offsets.fields().forEachRemaining(topic -> topic.getValue().fields().forEachRemaining(partition ->
                        read.put(topic.getKey() + "-" + partition.getKey(), partition.getValue().asLong())));
            }
        }
        return read;
    }

    private void awaitProgress(long deadline) {
        StreamingQueryProgress last = query.lastProgress();
        while (last != null && !recorder.hasSeen(query.runId(), last) && query.isActive() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }

    /** Stops the query and waits for it to end. */
    @Override
    public void close() throws TimeoutException {
        try {
            query.stop();
        } finally {
            spark.streams().removeListener(recorder);
        }
    }

    /** Keeps the progress of every query that reports while it listens, by run id. */
    private static final class Recorder extends StreamingQueryListener {
        private final Map<UUID, List<StreamingQueryProgress>> byRun = new ConcurrentHashMap<>();

        @Override
        public void onQueryStarted(QueryStartedEvent event) {
        }

        @Override
        public void onQueryProgress(QueryProgressEvent event) {
            StreamingQueryProgress progress = event.progress();
            List<StreamingQueryProgress> list = byRun.computeIfAbsent(progress.runId(), id -> new ArrayList<>());
            synchronized (list) {
                list.add(progress);
            }
        }

        @Override
        public void onQueryIdle(QueryIdleEvent event) {
        }

        @Override
        public void onQueryTerminated(QueryTerminatedEvent event) {
        }

        List<StreamingQueryProgress> of(UUID runId) {
            List<StreamingQueryProgress> list = byRun.getOrDefault(runId, List.of());
            synchronized (list) {
                return List.copyOf(list);
            }
        }

        boolean hasSeen(UUID runId, StreamingQueryProgress progress) {
            List<StreamingQueryProgress> list = of(runId);
            if (list.isEmpty()) {
                return false;
            }
            // An idle query reports an empty progress of the batch it will run next as its
            // lastProgress, and posts an idle event, not a progress event: nothing to wait for.
            long seen = list.get(list.size() - 1).batchId();
            return seen >= progress.batchId() || (progress.numInputRows() == 0 && seen == progress.batchId() - 1);
        }
    }
}
