package io.streampatterns.benchmarks.e2e;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * Records per second of a run from its micro-batches, with the warm-up left out: the first
 * {@value #WARMUP_BATCHES} batches (the first pays for the first Delta commit and broadcast, and both
 * run while the JIT is still compiling: measured on 2 cores, a first and second batch of 200,000
 * records took 10 s each, the next ones 3 to 4 s) and any batch that started within the warm-up
 * period. A last batch with fewer than half the rows of the largest is the backlog's remainder, all
 * fixed cost, and is left out too. The rate is rows over wall-clock span, first counted batch's start
 * to last counted batch's end, so time between batches counts against the pipeline as it would in
 * production.
 */
public final class Throughput {

    /** One micro-batch: when it started (epoch ms), how long it took, and the rows it read. */
    public record Batch(long startMs, long durationMs, long rows) {
        long endMs() {
            return startMs + durationMs;
        }
    }

    /**
     * @param steadyRecordsPerSecond rate over the counted batches
     * @param overallRecordsPerSecond rate over every batch with rows, warm-up included
     * @param countedBatches batches the steady rate is over
     * @param countedRows rows the steady rate is over
     * @param warm false when no batch was left after the warm-up, so the steady rate covers them all
     */
    public record Rate(double steadyRecordsPerSecond, double overallRecordsPerSecond, int batches, int countedBatches,
                       long rows, long countedRows, double meanBatchMs, boolean warm) {
    }

    static final int WARMUP_BATCHES = 2;

    private Throughput() {
    }

    public static List<Batch> batches(List<StreamingQueryProgress> progress) {
        List<Batch> batches = new ArrayList<>();
        for (StreamingQueryProgress p : progress) {
            Long duration = p.durationMs().get("triggerExecution");
            batches.add(new Batch(Instant.parse(p.timestamp()).toEpochMilli(), duration == null ? 0 : duration,
                    p.numInputRows()));
        }
        return batches;
    }

    public static Rate of(List<Batch> all, long warmupMs) {
        List<Batch> withRows = all.stream().filter(b -> b.rows() > 0).toList();
        if (withRows.isEmpty()) {
            return new Rate(0, 0, 0, 0, 0, 0, 0, false);
        }
        long start = withRows.get(0).startMs();
        long largest = withRows.stream().mapToLong(Batch::rows).max().orElse(0);
        int last = withRows.size() - 1;
        if (last > 0 && withRows.get(last).rows() * 2 < largest) {
            last--;
        }
        List<Batch> counted = new ArrayList<>();
        for (int i = WARMUP_BATCHES; i <= last; i++) {
            if (withRows.get(i).startMs() - start >= warmupMs) {
                counted.add(withRows.get(i));
            }
        }
        boolean warm = !counted.isEmpty();
        if (!warm) {
            counted = withRows;
        }
        long rows = sum(withRows);
        long countedRows = sum(counted);
        double overall = perSecond(rows, withRows.get(withRows.size() - 1).endMs() - start);
        double steady = perSecond(countedRows, counted.get(counted.size() - 1).endMs() - counted.get(0).startMs());
        double meanBatchMs = counted.stream().mapToLong(Batch::durationMs).average().orElse(0);
        return new Rate(steady, overall, withRows.size(), counted.size(), rows, countedRows, meanBatchMs, warm);
    }

    /** Records per second, or 0 for an empty span. */
    public static double perSecond(long records, long millis) {
        return millis <= 0 ? 0 : records * 1000.0 / millis;
    }

    private static long sum(List<Batch> batches) {
        return batches.stream().mapToLong(Batch::rows).sum();
    }
}
