package io.streampatterns.benchmarks;

import io.streampatterns.benchmarks.e2e.ThroughputResult;
import java.util.List;
import java.util.Optional;

/**
 * A micro-batch pipeline's time per batch as a fixed part and a part per record,
 * {@code seconds(batch) = fixed + perRecord × records}, fitted (least squares) to its runs at several
 * caps, each batch's time being cap ÷ steady rate (gaps between batches included). It says why the
 * rate rises with the cap, the most the pipeline could reach with huge batches (1 ÷ perRecord), and
 * which cap a target rate would need.
 *
 * @param fixedSeconds time per batch whatever its size (planning, code generation, scheduling, commit)
 * @param perRecordSeconds time per record
 * @param points runs fitted
 */
public record BatchCost(double fixedSeconds, double perRecordSeconds, int points) {

    /** The fit over runs of the same pipeline at different caps; empty with fewer than two caps or a nonsensical fit. */
    public static Optional<BatchCost> fit(List<ThroughputResult> runs) {
        List<double[]> points = runs.stream()
                .filter(r -> r.maxOffsetsPerTrigger() != null && r.steadyRecordsPerSecond() > 0)
                .map(r -> new double[] {r.maxOffsetsPerTrigger(), r.maxOffsetsPerTrigger() / r.steadyRecordsPerSecond()})
                .toList();
        if (points.stream().map(p -> p[0]).distinct().count() < 2) {
            return Optional.empty();
        }
        double n = points.size();
        double meanX = points.stream().mapToDouble(p -> p[0]).sum() / n;
        double meanY = points.stream().mapToDouble(p -> p[1]).sum() / n;
        double sxy = points.stream().mapToDouble(p -> (p[0] - meanX) * (p[1] - meanY)).sum();
        double sxx = points.stream().mapToDouble(p -> (p[0] - meanX) * (p[0] - meanX)).sum();
        double slope = sxy / sxx;
        double intercept = meanY - slope * meanX;
        if (slope <= 0) {
            return Optional.empty();
        }
        return Optional.of(new BatchCost(Math.max(0, intercept), slope, points.size()));
    }

    /**
     * The fixed part of a batch at {@code cap}: its time there (cap ÷ steady rate) less {@code cap} records
     * at the time per record fitted over all {@code runs}. Empty without a run at {@code cap} or a fit.
     */
    public static Optional<Double> fixedSecondsAt(List<ThroughputResult> runs, long cap) {
        Optional<ThroughputResult> atCap = runs.stream()
                .filter(r -> r.maxOffsetsPerTrigger() != null && r.maxOffsetsPerTrigger() == cap && r.steadyRecordsPerSecond() > 0)
                .findFirst();
        return atCap.flatMap(run -> fit(runs).map(cost ->
                Math.max(0, cap / run.steadyRecordsPerSecond() - cost.perRecordSeconds() * cap)));
    }

    /** The rate with batches of {@code records}. */
    public double rateAt(double records) {
        return records / (fixedSeconds + perRecordSeconds * records);
    }

    /** The ceiling with ever larger batches: every second spent on records. */
    public double ceiling() {
        return 1 / perRecordSeconds;
    }

    /** The smallest cap that reaches {@code rate} records/s; empty when even the ceiling is below it. */
    public Optional<Long> capFor(double rate) {
        if (rate >= ceiling()) {
            return Optional.empty();
        }
        return Optional.of((long) Math.ceil(rate * fixedSeconds / (1 - rate * perRecordSeconds)));
    }
}
