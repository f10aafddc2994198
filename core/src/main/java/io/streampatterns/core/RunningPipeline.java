package io.streampatterns.core;

import io.streampatterns.core.monitor.ConsumerLag;
import io.streampatterns.core.monitor.ProgressTracker;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * A started pipeline: its Spark query, its progress, its rates and its consumer lag.
 * Closing it stops the query.
 */
public final class RunningPipeline implements AutoCloseable {
    private static final java.time.Duration CATCH_UP = java.time.Duration.ofMinutes(5);

    private final Pipeline pipeline;
    private final StreamingQuery query;
    private final ProgressTracker tracker;

    RunningPipeline(Pipeline pipeline, StreamingQuery query, ProgressTracker tracker) {
        this.pipeline = pipeline;
        this.query = query;
        this.tracker = tracker;
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    public StreamingQuery query() {
        return query;
    }

    public Optional<StreamingQueryProgress> lastProgress() {
        return tracker.lastProgress();
    }

    /** Every progress event of this run, oldest first. */
    public List<StreamingQueryProgress> progressHistory() {
        return tracker.history();
    }

    /** Records per second arriving at the source, in the last micro-batch. */
    public double inputRowsPerSecond() {
        return lastProgress().map(StreamingQueryProgress::inputRowsPerSecond).orElse(0.0);
    }

    /** Records per second the pipeline processed, in the last micro-batch. */
    public double processedRowsPerSecond() {
        return lastProgress().map(StreamingQueryProgress::processedRowsPerSecond).orElse(0.0);
    }

    /** Per-partition lag as of the last micro-batch. */
    public ConsumerLag consumerLag() {
        return tracker.consumerLag();
    }

    /**
     * Blocks until everything available at the sources when called has been processed, and until
     * this handle's progress, rates and lag reflect it.
     *
     * <p>Two waits beyond Spark's own. Listeners hear of progress through Spark's asynchronous
     * listener bus, so without waiting a caller reading {@link #progressHistory()} could miss the
     * last batch. And in Real-Time Mode Spark's {@code processAllAvailable} can return when the first
     * long-running batch ends, with records still unread; there it repeats until the lag is zero.
     */
    public void processAllAvailable() {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        do {
            query.processAllAvailable();
            awaitListener(deadline);
        } while (pipeline.trigger().kind() == TriggerPolicy.Kind.REAL_TIME && consumerLag().total() > 0
                && query.isActive() && System.nanoTime() < deadline);
    }

    private void awaitListener(long deadline) {
        StreamingQueryProgress last = query.lastProgress();
        while (last != null && !tracker.hasSeen(last.batchId(), last.timestamp()) && query.isActive()
                && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(java.time.Duration.ofMillis(10).toNanos());
        }
    }

    public boolean isActive() {
        return query.isActive();
    }

    /** Stops the query and waits for it to end. */
    public void stop() throws TimeoutException {
        query.stop();
    }

    @Override
    public void close() throws TimeoutException {
        stop();
    }
}
