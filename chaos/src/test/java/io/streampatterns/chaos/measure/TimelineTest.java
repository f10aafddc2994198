package io.streampatterns.chaos.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stalls, recoveries and rates are read off a timeline of samples the way a person would read the chart. */
class TimelineTest {

    /** Builds samples 500 ms apart from columns of (input, committed, output). */
    private static List<Sample> samples(long[]... rows) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            samples.add(new Sample(i * 500L, rows[i][0], rows[i][0], rows[i][1], rows[i][2], true));
        }
        return samples;
    }

    /**
     * Purpose: the longest stall is the longest time input waited while the output did not grow.
     *
     * <p>How: 1. a timeline where output grows every sample, then stays flat for 2 s with input
     * waiting, then grows again; 2. measure.
     *
     * <p>Pass: the stall runs from the last growth (1.0 s) to the next (3.5 s): 2.5 s, recovered.
     */
    @Test
    void theLongestStallRunsFromTheLastGrowthToTheNext() {
        // 1. Growth, a flat stretch with input waiting, growth again
        Timeline timeline = new Timeline(samples(
                new long[] {100, 50, 50}, new long[] {200, 150, 150}, new long[] {300, 250, 250},
                new long[] {400, 250, 250}, new long[] {500, 250, 250}, new long[] {600, 250, 250},
                new long[] {700, 250, 250}, new long[] {800, 700, 700}, new long[] {900, 900, 900}), List.of());

        // 2. The stall
        Stall stall = timeline.longestStall();

        assertThat(stall).isEqualTo(new Stall(1_000, 3_500, true));
        assertThat(stall.millis()).isEqualTo(2_500);
    }

    /**
     * Purpose: neither the cold start before the first output nor a flat output with nothing waiting
     * (the pipeline caught up) is a stall.
     *
     * <p>How: a timeline whose first output comes after 1.5 s of waiting, and whose output then stops
     * growing because the input stopped and everything was committed.
     *
     * <p>Pass: no stall at all.
     */
    @Test
    void aColdStartAndAnIdlePipelineAreNotStalled() {
        Timeline timeline = new Timeline(samples(
                new long[] {100, 0, 0}, new long[] {150, 0, 0}, new long[] {200, 0, 0},
                new long[] {200, 200, 200}, new long[] {200, 200, 200}, new long[] {200, 200, 200}), List.of());

        assertThat(timeline.longestStall()).isEqualTo(Stall.NONE);
    }

    /**
     * Purpose: a stall still open when the timeline ends is counted to its end and marked not recovered.
     *
     * <p>How: output grows, then never again while input keeps waiting.
     *
     * <p>Pass: the stall runs from 0.5 s to the last sample (2.0 s) and is not recovered.
     */
    @Test
    void aStallThatNeverEndsIsMarkedOpen() {
        Timeline timeline = new Timeline(samples(
                new long[] {100, 0, 0}, new long[] {200, 100, 100}, new long[] {300, 100, 100},
                new long[] {400, 100, 100}, new long[] {500, 100, 100}), List.of());

        assertThat(timeline.longestStall()).isEqualTo(new Stall(500, 2_000, false));
    }

    /**
     * Purpose: recovery is the time from a fault to the output growing again, counting only growth after the fault.
     *
     * <p>How: 1. output grows in the interval that contains the fault (that growth happened before it
     * could matter), stays flat, then grows; 2. a second fault after which the output never grows.
     *
     * <p>Pass: the first recovery is 1.8 s (fault at 0.7 s, growth first seen in the sample at 2.5 s);
     * the second is empty.
     */
    @Test
    void recoveryCountsOnlyGrowthAfterTheFault() {
        // 1. Fault at 0.7 s: samples at 0.5 and 1.0 s show growth, which does not count
        Timeline timeline = new Timeline(samples(
                new long[] {100, 0, 0}, new long[] {200, 100, 100}, new long[] {300, 200, 200},
                new long[] {400, 200, 200}, new long[] {500, 200, 200}, new long[] {600, 500, 500},
                new long[] {700, 500, 500}), List.of());
        FaultMarker fault = new FaultMarker(700, "kill driver", true);
        FaultMarker late = new FaultMarker(2_600, "kill broker 1", true);

        // 2. Recoveries
        assertThat(timeline.recoveryMillis(fault)).hasValue(2_500 - 700);
        assertThat(timeline.recoveryMillis(late)).isEmpty();
    }

    /**
     * Purpose: an output count that could not be read during a fault does not make earlier records
     * look like a recovery.
     *
     * <p>How: the output topic's count cannot be read for 1 s after a fault at 0.6 s; the first reading
     * after it shows records written before the fault; the output grows for real only at 3.0 s.
     *
     * <p>Pass: recovery is 3.0 - 0.6 = 2.4 s; the rates skip the unknown samples.
     */
    @Test
    void unreadableOutputCountsAreLeftOut() {
        Timeline timeline = new Timeline(List.of(
                new Sample(0, 1_000, 1_000, 100, 100, true), new Sample(500, 1_100, 1_100, 200, 200, true),
                new Sample(1_000, 1_200, -1, 200, -1, true), new Sample(1_500, 1_300, -1, 200, -1, true),
                new Sample(2_000, 1_400, 1_400, 200, 400, true), new Sample(2_500, 1_500, 1_500, 400, 400, true),
                new Sample(3_000, 1_600, 1_600, 600, 600, true)), List.of());

        assertThat(timeline.recoveryMillis(new FaultMarker(600, "kill broker 1", true))).hasValue(2_400);
        assertThat(timeline.outputRate()).hasSize(4).allSatisfy(point -> assertThat(point[1]).isNotNegative());
    }

    /**
     * Purpose: throughput is averaged over a trailing 2 s window, so batch-sized steps read as a rate.
     *
     * <p>How: output grows by 1,000 every second (in one step per second), sampled every 500 ms.
     *
     * <p>Pass: once the window is full, every point reads 1,000 records/s; lag is input minus committed.
     */
    @Test
    void throughputIsAveragedOverTheTrailingWindow() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i <= 12; i++) {
            long output = (i / 2) * 1_000L;
            samples.add(new Sample(i * 500L, output + 300, output + 300, output, output, true));
        }
        Timeline timeline = new Timeline(samples, List.of());

        assertThat(timeline.outputRate().stream().filter(p -> p[0] >= 2.0).mapToDouble(p -> p[1]))
                .allSatisfy(rate -> assertThat(rate).isEqualTo(1_000.0));
        assertThat(timeline.lag()).allSatisfy(point -> assertThat(point[1]).isEqualTo(300.0));
    }

    /**
     * Purpose: when the brokers did not answer, lag falls back to what was acknowledged.
     *
     * <p>How: a sample with unknown end offsets (-1).
     *
     * <p>Pass: its input is the acknowledged count, and lag is that minus committed.
     */
    @Test
    void unknownEndOffsetsFallBackToAcknowledged() {
        Sample sample = new Sample(0, 1_000, -1, 400, 400, true);

        assertThat(sample.input()).isEqualTo(1_000);
        assertThat(sample.lag()).isEqualTo(600);
        assertThat(sample.pending()).isTrue();
    }
}
