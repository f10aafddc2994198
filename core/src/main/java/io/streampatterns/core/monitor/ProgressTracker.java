package io.streampatterns.core.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * Listens to one query's progress events and keeps them for the pipeline's handle: the last
 * progress, a bounded history (for checks over every batch), and the consumer lag.
 *
 * <p>Spark calls listeners on its own thread; everything here is safe to read from any thread.
 */
public final class ProgressTracker extends StreamingQueryListener {
    private static final int HISTORY_LIMIT = 10_000;

    private final String queryName;
    private final List<StreamingQueryProgress> history = new ArrayList<>();
    private final AtomicReference<StreamingQueryProgress> last = new AtomicReference<>();
    private final AtomicReference<ConsumerLag> lag = new AtomicReference<>(ConsumerLag.NONE);
    private final Consumer<ProgressTracker> onTerminated;
    private volatile UUID runId;
    private volatile String failure;

    /**
     * @param queryName the query to follow (names are unique among a session's active queries)
     * @param onTerminated called with this tracker once the query stops, for whatever reason
     */
    public ProgressTracker(String queryName, Consumer<ProgressTracker> onTerminated) {
        this.queryName = queryName;
        this.onTerminated = onTerminated;
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {
        if (queryName.equals(event.name())) {
            runId = event.runId();
        }
    }

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
        StreamingQueryProgress progress = event.progress();
        if (!progress.runId().equals(runId)) {
            return;
        }
        last.set(progress);
        lag.set(ConsumerLag.of(progress));
        synchronized (history) {
            if (history.size() == HISTORY_LIMIT) {
                history.remove(0);
            }
            history.add(progress);
        }
    }

    @Override
    public void onQueryIdle(QueryIdleEvent event) {
        // Idle events carry no progress; the last progress still stands.
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {
        if (event.runId().equals(runId)) {
            failure = event.exception().isDefined() ? exceptionClass(event.exception().get()) : null;
            onTerminated.accept(this);
        }
    }

    /**
     * Why the query failed, once it has: the exception's class, without its message (which may quote a
     * record; Spark logs it in full). Empty while it runs and after a stop.
     */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** "org.apache.spark.SparkException: Job aborted ..." to "org.apache.spark.SparkException". */
    private static String exceptionClass(String exception) {
        String first = exception.lines().findFirst().orElse(exception);
        int colon = first.indexOf(':');
        return colon > 0 ? first.substring(0, colon) : first;
    }

    /** Whether the progress of batch {@code batchId} reported at {@code timestamp} has reached this tracker. */
    public boolean hasSeen(long batchId, String timestamp) {
        StreamingQueryProgress seen = last.get();
        return seen != null && (seen.batchId() > batchId
                || (seen.batchId() == batchId && seen.timestamp().compareTo(timestamp) >= 0));
    }

    public Optional<StreamingQueryProgress> lastProgress() {
        return Optional.ofNullable(last.get());
    }

    /** Every progress event of this run, oldest first (the latest {@value #HISTORY_LIMIT}). */
    public List<StreamingQueryProgress> history() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    public ConsumerLag consumerLag() {
        return lag.get();
    }
}
