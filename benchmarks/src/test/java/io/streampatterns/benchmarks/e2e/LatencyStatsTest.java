package io.streampatterns.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencyStatsTest {

    @Test
    void percentilesAreNearestRank() {
        long[] latencies = LongStream.rangeClosed(1, 1000).toArray();
        LatencyStats stats = LatencyStats.of(shuffled(latencies));
        assertThat(stats.samples()).isEqualTo(1000);
        assertThat(stats.p50()).isEqualTo(500);
        assertThat(stats.p90()).isEqualTo(900);
        assertThat(stats.p99()).isEqualTo(990);
        assertThat(stats.p999()).isEqualTo(999);
        assertThat(stats.max()).isEqualTo(1000);
        assertThat(stats.mean()).isEqualTo(500.5);
        assertThat(stats.at("p99.9")).isEqualTo(999);
    }

    @Test
    void aTailOfOneSlowRecordShowsOnlyAtTheTop() {
        long[] latencies = LongStream.range(0, 10_000).map(i -> i == 1234 ? 900 : 5).toArray();
        LatencyStats stats = LatencyStats.of(latencies);
        assertThat(stats.p99()).isEqualTo(5);
        assertThat(stats.p999()).isEqualTo(5);
        assertThat(stats.max()).isEqualTo(900);
    }

    @Test
    void cdfIsSampledRisingAndEndsAtTheMaximum() {
        long[] latencies = LongStream.range(0, 100_000).map(i -> i % 97).toArray();
        List<double[]> cdf = LatencyStats.of(latencies).cdf();
        assertThat(cdf.size()).isBetween(100, LatencyStats.CDF_POINTS + 3);
        for (int i = 1; i < cdf.size(); i++) {
            assertThat(cdf.get(i)[0]).isGreaterThanOrEqualTo(cdf.get(i - 1)[0]);
            assertThat(cdf.get(i)[1]).isGreaterThan(cdf.get(i - 1)[1]);
        }
        assertThat(cdf.get(cdf.size() - 1)).containsExactly(96, 1.0);
    }

    @Test
    void cdfKeepsTheTailPointsOfASmallSample() {
        List<double[]> cdf = LatencyStats.of(new long[] {3, 1, 2}).cdf();
        assertThat(cdf).hasSize(3);
        assertThat(cdf.get(2)).containsExactly(3, 1.0);
    }

    @Test
    void noSamplesGiveZeros() {
        LatencyStats stats = LatencyStats.of(new long[0]);
        assertThat(stats.samples()).isZero();
        assertThat(stats.p99()).isZero();
        assertThat(stats.cdf()).isEmpty();
    }

    private static long[] shuffled(long[] values) {
        long[] copy = values.clone();
        java.util.Random random = new java.util.Random(7);
        for (int i = copy.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long t = copy[i];
            copy[i] = copy[j];
            copy[j] = t;
        }
        return copy;
    }
}
