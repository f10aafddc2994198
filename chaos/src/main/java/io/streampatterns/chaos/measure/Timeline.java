package io.streampatterns.chaos.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.ToLongFunction;

/**
 * What happened during one scenario, sample by sample, and the figures derived from it: the longest
 * stall, the time from each fault to the output growing again, throughput and lag over time.
 *
 * @param samples in time order, about every 500 ms
 * @param markers the faults and repairs, in time order
 */
public record Timeline(List<Sample> samples, List<FaultMarker> markers) {

    /** The trailing window over which throughput is averaged: a micro-batch writes in steps. */
    public static final long RATE_WINDOW_MILLIS = 2_000;

    public Timeline {
        samples = List.copyOf(samples);
        markers = List.copyOf(markers);
    }

    /**
     * The longest stretch during which input was waiting for the pipeline and its output did not grow:
     * from the last growth (or the moment input began to wait) to the next growth. A stretch with
     * nothing waiting (the pipeline had caught up) is idle, not a stall; neither is the cold start
     * before the pipeline's first output (a JVM, Spark and the first batch warming up, which no fault
     * caused; the runner strikes only once the pipeline is warm). A stall still open when the timeline ends counts up to its end and is marked not recovered.
     */
    public Stall longestStall() {
        List<Sample> samples = known();
        Stall longest = Stall.NONE;
        boolean started = false;
        Long start = null;
        for (int i = 1; i < samples.size(); i++) {
            Sample previous = samples.get(i - 1);
            Sample current = samples.get(i);
            if (current.output() > previous.output()) {
                if (start != null) {
                    longest = longer(longest, new Stall(start, current.atMillis(), true));
                }
                started = true;
                start = current.pending() ? current.atMillis() : null;
            } else if (!current.pending()) {
                start = null;
            } else if (start == null && started) {
                start = current.atMillis();
            }
        }
        if (start != null) {
            longest = longer(longest, new Stall(start, samples.get(samples.size() - 1).atMillis(), false));
        }
        return longest;
    }

    private static Stall longer(Stall a, Stall b) {
        return b.millis() > a.millis() ? b : a;
    }

    /**
     * The time from {@code fault} to the output growing again: the end of the first sampling interval
     * that starts at or after the fault and in which the output grew. Empty if it never grew again.
     * Only samples whose output count is known take part: a count that could not be read during the
     * fault would otherwise make records written before it look like growth after it.
     */
    public OptionalLong recoveryMillis(FaultMarker fault) {
        List<Sample> samples = known();
        for (int i = 1; i < samples.size(); i++) {
            Sample previous = samples.get(i - 1);
            Sample current = samples.get(i);
            if (previous.atMillis() >= fault.atMillis() && current.output() > previous.output()) {
                return OptionalLong.of(current.atMillis() - fault.atMillis());
            }
        }
        return OptionalLong.empty();
    }

    /** The faults among the markers. */
    public List<FaultMarker> faults() {
        return markers.stream().filter(FaultMarker::fault).toList();
    }

    /** Output records per second over the trailing {@link #RATE_WINDOW_MILLIS}: (seconds, records/s). */
    public List<double[]> outputRate() {
        return rate(Sample::output);
    }

    /**
     * Acknowledged input records per second over the trailing {@link #RATE_WINDOW_MILLIS}: (seconds,
     * records/s), at the samples whose output count is known (so both rates share their points).
     */
    public List<double[]> inputRate() {
        return rate(Sample::acknowledged);
    }

    /** Records waiting for the pipeline: (seconds, records). */
    public List<double[]> lag() {
        return samples.stream().map(s -> new double[] {s.atMillis() / 1000.0, s.lag()}).toList();
    }

    private List<double[]> rate(ToLongFunction<Sample> counter) {
        List<Sample> samples = known();
        List<double[]> points = new ArrayList<>();
        int from = 0;
        for (int i = 1; i < samples.size(); i++) {
            Sample current = samples.get(i);
            while (from < i - 1 && samples.get(from + 1).atMillis() <= current.atMillis() - RATE_WINDOW_MILLIS) {
                from++;
            }
            Sample start = samples.get(from);
            long millis = current.atMillis() - start.atMillis();
            if (millis > 0) {
                double perSecond = Math.max(0, counter.applyAsLong(current) - counter.applyAsLong(start)) * 1000.0 / millis;
                points.add(new double[] {current.atMillis() / 1000.0, perSecond});
            }
        }
        return points;
    }

    /** The samples whose output count could be read. */
    private List<Sample> known() {
        return samples.stream().filter(s -> s.output() >= 0).toList();
    }

    /** The time of the last sample, in milliseconds since production started. */
    public long endMillis() {
        return samples.isEmpty() ? 0 : samples.get(samples.size() - 1).atMillis();
    }
}
