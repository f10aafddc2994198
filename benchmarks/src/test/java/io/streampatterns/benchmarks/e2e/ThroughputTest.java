package io.streampatterns.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ThroughputTest {

    @Test
    void theFirstBatchesAndTheWarmUpAreLeftOut() {
        List<Throughput.Batch> batches = List.of(
                new Throughput.Batch(0, 4_000, 10_000),     // first batch: JIT, first commit
                new Throughput.Batch(4_000, 3_000, 10_000),  // second: JIT still compiling
                new Throughput.Batch(7_000, 1_000, 10_000),  // within 8 s of warm-up
                new Throughput.Batch(8_000, 1_000, 10_000),
                new Throughput.Batch(9_000, 1_000, 10_000),
                new Throughput.Batch(10_000, 0, 0));         // an empty batch after the backlog
        Throughput.Rate rate = Throughput.of(batches, 8_000);
        assertThat(rate.warm()).isTrue();
        assertThat(rate.countedBatches()).isEqualTo(2);
        assertThat(rate.countedRows()).isEqualTo(20_000);
        assertThat(rate.steadyRecordsPerSecond()).isCloseTo(10_000, within(0.01));
        assertThat(rate.batches()).isEqualTo(5);
        assertThat(rate.rows()).isEqualTo(50_000);
        assertThat(rate.overallRecordsPerSecond()).isCloseTo(50_000 / 10.0, within(0.01));
        assertThat(rate.meanBatchMs()).isEqualTo(1_000);
    }

    @Test
    void theBacklogsRemainderIsLeftOut() {
        // Measured: 200,000-record batches of 3-4 s, then the backlog's last 7 records in 1 s.
        List<Throughput.Batch> batches = List.of(new Throughput.Batch(0, 9_700, 199_999),
                new Throughput.Batch(9_700, 11_000, 199_999), new Throughput.Batch(20_700, 4_000, 199_999),
                new Throughput.Batch(24_700, 4_000, 199_999), new Throughput.Batch(28_700, 1_000, 7));
        Throughput.Rate rate = Throughput.of(batches, 8_000);
        assertThat(rate.countedBatches()).isEqualTo(2);
        assertThat(rate.steadyRecordsPerSecond()).isCloseTo(399_998 / 8.0, within(0.01));
        assertThat(rate.rows()).isEqualTo(4 * 199_999 + 7);
    }

    @Test
    void gapsBetweenBatchesCountAgainstTheRate() {
        List<Throughput.Batch> batches = List.of(new Throughput.Batch(0, 500, 1_000), new Throughput.Batch(500, 500, 1_000),
                new Throughput.Batch(1_000, 500, 1_000), new Throughput.Batch(2_000, 500, 1_000));
        assertThat(Throughput.of(batches, 0).steadyRecordsPerSecond()).isCloseTo(2_000 / 1.5, within(0.01));
    }

    @Test
    void withoutABatchAfterTheWarmUpEveryBatchCountsAndSaysSo() {
        Throughput.Rate rate = Throughput.of(List.of(new Throughput.Batch(0, 2_000, 200_000)), 10_000);
        assertThat(rate.warm()).isFalse();
        assertThat(rate.steadyRecordsPerSecond()).isCloseTo(100_000, within(0.01));
    }

    @Test
    void noRowsNoRate() {
        Throughput.Rate rate = Throughput.of(List.of(new Throughput.Batch(0, 10, 0)), 0);
        assertThat(rate.steadyRecordsPerSecond()).isZero();
        assertThat(rate.batches()).isZero();
    }

    @Test
    void relayTimingsLeaveOutItsWarmUpRecords() {
        RelayProcess.Timings timings = new RelayProcess.Timings(1_000_000, 1_000_000, 100_000, 1_000, 4_000);
        assertThat(timings.steadyRecordsPerSecond()).isCloseTo(300_000, within(0.01));
        assertThat(timings.overallRecordsPerSecond()).isCloseTo(250_000, within(0.01));
    }
}
