package io.streampatterns.benchmarks.e2e;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * Where a micro-batch's time goes, step by step, averaged over a run's batches: the engine's own
 * steps from each batch's progress ({@code durationMs}), and inside {@code addBatch} the Spark jobs
 * the batch ran, told apart by their description (Delta names the jobs that rebuild a table's state
 * "Compute snapshot"), the rest being the driver's (Delta's commit, checksum and checkpoint files,
 * the snapshot update, planning Delta's own queries).
 *
 * @param meanMs each step's mean milliseconds per batch, in {@link #STEPS} order
 * @param batches batches averaged
 */
public record BatchSteps(Map<String, Double> meanMs, int batches) {
    public static final String OFFSETS = "Kafka offsets and the offset log";
    public static final String PLANNING = "planning the batch";
    public static final String STATE_REBUILD = "Delta state rebuild (Compute snapshot jobs)";
    public static final String WRITE_JOBS = "the write job (reading Kafka, parsing, Parquet)";
    public static final String DRIVER = "driver: Delta commit, checksum, checkpoint, snapshot update";
    public static final String COMMIT_LOG = "the commit log";
    public static final List<String> STEPS = List.of(OFFSETS, PLANNING, STATE_REBUILD, WRITE_JOBS, DRIVER, COMMIT_LOG);
    /** Spark's local property naming the micro-batch a job belongs to. */
    private static final String BATCH_ID_PROPERTY = "streaming.sql.batchId";

    /** The sum of the steps: a batch's time, gaps between batches aside. */
    public double totalMs() {
        return meanMs.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /**
     * The steps of the batches in {@code progress} with rows, the first {@code warmup} of them left out;
     * {@code jobs} closed first, so that it holds every job of theirs.
     */
    static BatchSteps of(List<StreamingQueryProgress> progress, Recorder jobs, int warmup) {
        List<StreamingQueryProgress> counted = progress.stream().filter(p -> p.numInputRows() > 0).skip(warmup).toList();
        Map<String, Double> sums = new LinkedHashMap<>();
        STEPS.forEach(step -> sums.put(step, 0.0));
        for (StreamingQueryProgress p : counted) {
            Map<String, Long> d = p.durationMs();
            long[] rebuildAndOther = jobs.millis(p.batchId());
            long addBatch = d.getOrDefault("addBatch", 0L);
            sums.merge(OFFSETS, (double) d.getOrDefault("latestOffset", 0L) + d.getOrDefault("getBatch", 0L)
                    + d.getOrDefault("walCommit", 0L), Double::sum);
            sums.merge(PLANNING, (double) d.getOrDefault("queryPlanning", 0L), Double::sum);
            sums.merge(STATE_REBUILD, (double) rebuildAndOther[0], Double::sum);
            sums.merge(WRITE_JOBS, (double) rebuildAndOther[1], Double::sum);
            sums.merge(DRIVER, (double) Math.max(0, addBatch - rebuildAndOther[0] - rebuildAndOther[1]), Double::sum);
            sums.merge(COMMIT_LOG, (double) d.getOrDefault("commitOffsets", 0L), Double::sum);
        }
        int n = Math.max(1, counted.size());
        Map<String, Double> means = new LinkedHashMap<>();
        sums.forEach((step, sum) -> means.put(step, sum / n));
        return new BatchSteps(means, counted.size());
    }

    /** Records the Spark jobs of every micro-batch while attached: their durations, state rebuilds apart. */
    public static final class Recorder extends SparkListener implements AutoCloseable {
        private final SparkContext context;
        private final Map<Integer, Object[]> open = new ConcurrentHashMap<>();
        private final Map<Long, long[]> byBatch = new ConcurrentHashMap<>();

        private Recorder(SparkContext context) {
            this.context = context;
        }

        public static Recorder attach(SparkContext context) {
            Recorder recorder = new Recorder(context);
            context.addSparkListener(recorder);
            return recorder;
        }

        @Override
        public void onJobStart(SparkListenerJobStart job) {
            Properties properties = job.properties();
            String batch = properties == null ? null : properties.getProperty(BATCH_ID_PROPERTY);
            if (batch != null) {
                String description = properties.getProperty("spark.job.description", "");
                open.put(job.jobId(), new Object[] {Long.parseLong(batch), description.contains("Compute snapshot"), job.time()});
            }
        }

        @Override
        public void onJobEnd(SparkListenerJobEnd job) {
            Object[] started = open.remove(job.jobId());
            if (started != null) {
                long[] millis = byBatch.computeIfAbsent((Long) started[0], id -> new long[2]);
                synchronized (millis) {
                    millis[(Boolean) started[1] ? 0 : 1] += job.time() - (Long) started[2];
                }
            }
        }

        /** Milliseconds of batch {@code batchId}'s jobs: state rebuilds, then the others. */
        long[] millis(long batchId) {
            long[] millis = byBatch.getOrDefault(batchId, new long[2]);
            synchronized (millis) {
                return millis.clone();
            }
        }

        /** Stops recording, once the jobs' end events already posted have reached it. */
        @Override
        public void close() {
            drain();
            context.removeSparkListener(this);
        }

        /** Waits until Spark has delivered the jobs' end events to this recorder. */
        void drain() {
            try {
                context.listenerBus().waitUntilEmpty();
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("Spark's listener bus did not drain", e);
            }
        }
    }
}
