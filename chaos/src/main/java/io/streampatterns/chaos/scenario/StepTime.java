package io.streampatterns.chaos.scenario;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * When a step happens: a fixed or random time, counted from the moment the pipeline is warm
 * ({@code at 10s}, {@code at 8s..14s}) or from the end of the previous step ({@code +5s}, {@code +4s..10s}); and
 * whether it then waits for a micro-batch to be planned but not yet committed ({@code mid-batch}),
 * so that a kill lands while a batch is half written.
 *
 * @param relative counted from the end of the previous step, not from the moment the pipeline is warm
 * @param earliest the earliest time
 * @param latest the latest time; equal to {@code earliest} for a fixed time
 * @param midBatch once the time is reached, wait until a batch is in flight
 */
public record StepTime(boolean relative, Duration earliest, Duration latest, boolean midBatch) {

    /** Right after the previous step. */
    public static final StepTime NEXT = new StepTime(true, Duration.ZERO, Duration.ZERO, false);

    public StepTime {
        if (earliest.isNegative() || latest.compareTo(earliest) < 0) {
            throw new IllegalArgumentException("a time window must run forward from zero or later, got "
                    + earliest.toMillis() + " ms .. " + latest.toMillis() + " ms");
        }
    }

    /** Whether the time is drawn from a window by the scenario's seed. */
    public boolean isRandom() {
        return !earliest.equals(latest);
    }

    /** The time this step waits for: fixed, or drawn uniformly (to the millisecond) from the window. */
    Duration draw(SplittableRandom random) {
        if (!isRandom()) {
            return earliest;
        }
        return earliest.plusMillis(random.nextLong(latest.toMillis() - earliest.toMillis() + 1));
    }

    /** As a script writes it, e.g. {@code at 8s..14s mid-batch}. */
    @Override
    public String toString() {
        String window = seconds(earliest) + (isRandom() ? ".." + seconds(latest) : "");
        return (relative ? "+" + window : "at " + window) + (midBatch ? " mid-batch" : "");
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
