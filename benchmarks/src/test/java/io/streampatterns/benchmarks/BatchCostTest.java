package io.streampatterns.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class BatchCostTest {

    /** 2.5 s per batch plus 5 µs per record: 10,000 → 3,922/s, 50,000 → 18,182/s, 200,000 → 57,143/s. */
    private final List<io.streampatterns.benchmarks.e2e.ThroughputResult> runs = List.of(Samples.relay(450_000),
            Samples.bronze(10_000, 10_000 / 2.55), Samples.bronze(50_000, 50_000 / 2.75), Samples.bronze(200_000, 200_000 / 3.5));

    @Test
    void fixedAndPerRecordCostsAreFittedFromTheCaps() {
        BatchCost cost = BatchCost.fit(runs).orElseThrow();
        assertThat(cost.points()).isEqualTo(3);
        assertThat(cost.fixedSeconds()).isCloseTo(2.5, within(1e-6));
        assertThat(cost.perRecordSeconds()).isCloseTo(5e-6, within(1e-12));
        assertThat(cost.ceiling()).isCloseTo(200_000, within(0.01));
        assertThat(cost.rateAt(200_000)).isCloseTo(57_142.857, within(0.01));
    }

    @Test
    void theCapATargetNeedsOrNoneAboveTheCeiling() {
        BatchCost cost = BatchCost.fit(runs).orElseThrow();
        long cap = cost.capFor(112_500).orElseThrow();
        assertThat(cost.rateAt(cap)).isGreaterThanOrEqualTo(112_500);
        assertThat(cost.rateAt(cap - 1)).isLessThan(112_500);
        assertThat(cost.capFor(250_000)).isEmpty();
    }

    @Test
    void oneCapIsNotEnoughToFit() {
        assertThat(BatchCost.fit(List.of(Samples.bronze(50_000, 20_000)))).isEmpty();
        assertThat(BatchCost.fit(List.of(Samples.bronze(50_000, 20_000), Samples.bronze(50_000, 21_000)))).isEmpty();
        // Larger batches taking less time than smaller ones: noise, not a cost model.
        assertThat(BatchCost.fit(List.of(Samples.bronze(10_000, 20_000), Samples.bronze(50_000, 200_000)))).isEmpty();
        BatchCost flat = BatchCost.fit(List.of(Samples.bronze(10_000, 20_000), Samples.bronze(50_000, 20_000))).orElseThrow();
        assertThat(flat.fixedSeconds()).isCloseTo(0, within(1e-9));
        assertThat(flat.ceiling()).isCloseTo(20_000, within(1e-6));
    }
}
