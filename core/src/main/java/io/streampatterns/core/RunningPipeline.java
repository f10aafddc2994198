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

    /** Blocks until everything available at the sources when called has been processed. */
    public void processAllAvailable() {
        query.processAllAvailable();
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
