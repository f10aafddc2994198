package io.streampatterns.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.streaming.Trigger;

/**
 * When a pipeline processes data: on a fixed processing-time interval, once over what is
 * available now, or continuously in Real-Time Mode.
 *
 * <p><b>The SLA/3 rule.</b> A micro-batch that arrives just after a trigger waits one interval to
 * be picked up, then takes up to one interval to process; the third interval is headroom for a slow
 * batch or a restart. So the interval must be at most a third of the business SLA.
 * {@link #forSla(Duration)} derives that interval; {@link #withSla(Duration)} refuses a configured
 * interval that is longer, naming both values.
 *
 * <p>Real-Time Mode's duration is a checkpoint interval, not a latency bound, so the SLA/3 rule does
 * not apply to it; an available-now trigger runs once and has no cadence to hold to an SLA.
 */
public final class TriggerPolicy {

    /** How the trigger fires. */
    public enum Kind { PROCESSING_TIME, AVAILABLE_NOW, REAL_TIME }

    private final Kind kind;
    private final Duration interval;
    private final Duration sla;

    private TriggerPolicy(Kind kind, Duration interval, Duration sla) {
        this.kind = kind;
        this.interval = interval;
        this.sla = sla;
    }

    /** A micro-batch every {@code interval}; zero means as fast as batches complete. */
    public static TriggerPolicy processingTime(Duration interval) {
        return new TriggerPolicy(Kind.PROCESSING_TIME, Objects.requireNonNull(interval, "interval"), null);
    }

    /** Processes everything available at start, in batches, then stops. */
    public static TriggerPolicy availableNow() {
        return new TriggerPolicy(Kind.AVAILABLE_NOW, Duration.ZERO, null);
    }

    /**
     * Real-Time Mode: records flow as they arrive; {@code checkpointInterval} is how often progress
     * is checkpointed (Spark's minimum is 5 s by default).
     */
    public static TriggerPolicy realTime(Duration checkpointInterval) {
        return new TriggerPolicy(Kind.REAL_TIME, Objects.requireNonNull(checkpointInterval, "checkpointInterval"), null);
    }

    /** A processing-time trigger of a third of {@code sla}: the SLA/3 rule. */
    public static TriggerPolicy forSla(Duration sla) {
        requirePositiveSla(sla);
        return new TriggerPolicy(Kind.PROCESSING_TIME, sla.dividedBy(3), sla);
    }

    /**
     * This trigger, held to {@code sla}.
     *
     * @throws InvalidPipelineException when the interval is longer than a third of the SLA, or the
     *     trigger has no cadence that an SLA could constrain
     */
    public TriggerPolicy withSla(Duration sla) {
        requirePositiveSla(sla);
        TriggerPolicy held = new TriggerPolicy(kind, interval, sla);
        InvalidPipelineException.throwIfAny("trigger", held.validate());
        return held;
    }

    private static void requirePositiveSla(Duration sla) {
        if (sla == null || sla.isNegative() || sla.isZero()) {
            throw new InvalidPipelineException("trigger",
                    List.of("sla: expected a positive duration, got " + sla));
        }
    }

    /** Problems with this trigger, each naming the option and what was expected. */
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        if (interval.isNegative()) {
            problems.add("trigger interval: expected zero or more, got " + interval);
        }
        if (kind == Kind.REAL_TIME && interval.isZero()) {
            problems.add("trigger realTime checkpoint interval: expected a positive duration, got 0s");
        }
        if (sla != null && kind == Kind.AVAILABLE_NOW) {
            problems.add("trigger: an SLA of " + Durations.format(sla)
                    + " was given, but availableNow runs once and has no interval to hold to it;"
                    + " use processingTime or TriggerPolicy.forSla");
        }
        if (sla != null && kind == Kind.PROCESSING_TIME && interval.compareTo(maxIntervalFor(sla)) > 0) {
            problems.add("trigger interval " + Durations.format(interval) + " is longer than SLA/3 = "
                    + Durations.format(maxIntervalFor(sla)) + " (SLA " + Durations.format(sla)
                    + "); expected at most " + Durations.format(maxIntervalFor(sla))
                    + ", or use TriggerPolicy.forSla(" + Durations.format(sla) + ")");
        }
        return problems;
    }

    /** The longest interval the SLA/3 rule allows for {@code sla}. */
    public static Duration maxIntervalFor(Duration sla) {
        return sla.dividedBy(3);
    }

    public Kind kind() {
        return kind;
    }

    /** The processing-time interval, or Real-Time Mode's checkpoint interval; zero for available-now. */
    public Duration interval() {
        return interval;
    }

    public Optional<Duration> sla() {
        return Optional.ofNullable(sla);
    }

    /** The Spark trigger this policy stands for. */
    public Trigger toSparkTrigger() {
        return switch (kind) {
            case PROCESSING_TIME -> Trigger.ProcessingTime(interval.toMillis(), TimeUnit.MILLISECONDS);
            case AVAILABLE_NOW -> Trigger.AvailableNow();
            case REAL_TIME -> Trigger.RealTime(interval.toMillis(), TimeUnit.MILLISECONDS);
        };
    }

    @Override
    public String toString() {
        String base = switch (kind) {
            case PROCESSING_TIME -> "processingTime(" + Durations.format(interval) + ")";
            case AVAILABLE_NOW -> "availableNow";
            case REAL_TIME -> "realTime(checkpoint every " + Durations.format(interval) + ")";
        };
        return sla == null ? base : base + " for SLA " + Durations.format(sla);
    }
}
