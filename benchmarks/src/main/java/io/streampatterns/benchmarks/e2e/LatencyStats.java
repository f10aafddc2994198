package io.streampatterns.benchmarks.e2e;

import io.streampatterns.harness.conformance.LatencyProbe;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Percentiles (nearest rank, the definition {@link LatencyProbe#percentile} uses for conformance) and
 * a CDF of a run's latencies, in milliseconds. The rank is computed here with a tolerance for
 * floating point: {@code 99.9 / 100 * 1000} is {@code 999.0000000000001}, whose ceiling would make
 * the p99.9 of exactly 1,000 samples their maximum.
 */
public record LatencyStats(long samples, long p50, long p90, long p99, long p999, long max, double mean,
                           List<double[]> cdf) {
    /** The {@code q}-th percentile (0..100) of sorted values: the smallest value with at least q% of them at or below it. */
    public static long nearestRank(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(q / 100.0 * sorted.length - 1e-9);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** CDF points kept for the chart: evenly spaced ranks, plus the tail's. */
    static final int CDF_POINTS = 200;

    public static LatencyStats of(long[] latencies) {
        if (latencies.length == 0) {
            return new LatencyStats(0, 0, 0, 0, 0, 0, 0, List.of());
        }
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return new LatencyStats(sorted.length,
                nearestRank(sorted, 50), nearestRank(sorted, 90), nearestRank(sorted, 99), nearestRank(sorted, 99.9),
                sorted[sorted.length - 1], Arrays.stream(sorted).average().orElse(0), cdf(sorted));
    }

    /** (latency ms, share of records at or below it), at most about {@value #CDF_POINTS} + 3 points. */
    static List<double[]> cdf(long[] sorted) {
        List<double[]> points = new ArrayList<>();
        int n = sorted.length;
        int step = Math.max(1, n / CDF_POINTS);
        int last = -1;
        for (int i = 0; i < n; i += step) {
            points.add(point(sorted, i));
            last = i;
        }
        for (double q : new double[] {0.99, 0.999, 1.0}) {
            int i = Math.min(n - 1, Math.max(0, (int) Math.ceil(q * n) - 1));
            if (i > last) {
                points.add(point(sorted, i));
                last = i;
            }
        }
        return points;
    }

    private static double[] point(long[] sorted, int index) {
        return new double[] {sorted[index], (index + 1) / (double) sorted.length};
    }

    /** A percentile by name, for tables: p50, p90, p99, p99.9, max. */
    public long at(String name) {
        return switch (name) {
            case "p50" -> p50;
            case "p90" -> p90;
            case "p99" -> p99;
            case "p99.9" -> p999;
            case "max" -> max;
            default -> throw new IllegalArgumentException("no percentile " + name);
        };
    }

    public static final List<String> PERCENTILES = List.of("p50", "p90", "p99", "p99.9", "max");
}
