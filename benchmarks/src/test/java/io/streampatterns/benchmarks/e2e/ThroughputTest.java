package io.streampatterns.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ThroughputTest {

    @Test
    void theFirstBatchAndTheWarmUpAreLeftOut() {
        List<Throughput.Batch> batches = List.of(
                new Throughput.Batch(0, 9_000, 10_000),     // first batch: JIT, first commit
                new Throughput.Batch(9_000, 1_000, 10_000),  // within 10 s of warm-up
                new Throughput.Batch(10_000, 1_000, 10_000),
                new Throughput.Batch(11_000, 1_000, 10_000),
                new Throughput.Batch(12_000, 0, 0));         // an empty batch after the backlog
        Throughput.Rate rate = Throughput.of(batches, 10_000);
        assertThat(rate.warm()).isTrue();
        assertThat(rate.countedBatches()).isEqualTo(2);
        assertThat(rate.countedRows()).isEqualTo(20_000);
        assertThat(rate.steadyRecordsPerSecond()).isCloseTo(10_000, within(0.01));
        assertThat(rate.batches()).isEqualTo(4);
        assertThat(rate.rows()).isEqualTo(40_000);
        assertThat(rate.overallRecordsPerSecond()).isCloseTo(40_000 / 12.0, within(0.01));
        assertThat(rate.meanBatchMs()).isEqualTo(1_000);
    }

    @Test
    void gapsBetweenBatchesCountAgainstTheRate() {
        List<Throughput.Batch> batches = List.of(new Throughput.Batch(0, 500, 1_000),
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
