package io.streampatterns.core;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a pattern promises beyond its delivery guarantee. The conformance harness runs a check only
 * on patterns that declare what the check needs, and reports the rest as not applicable, with why.
 *
 * <p>Three of them follow from the pipeline's configuration alone ({@link #CAPPED_BATCHES},
 * {@link #SLA_TRIGGER}, {@link #REAL_TIME_MODE}); {@link #of(Pipeline, Capability...)} derives them,
 * so that a pattern cannot claim one its configuration does not give.
 */
public enum Capability {
    /**
     * Each output record carries the {@code seq} of the input record it came from, so delivery can
     * be checked record by record (aggregates cannot).
     */
    TRACEABLE_RECORDS,
    /** Resumes from its checkpoint after a stop or a crash. */
    CHECKPOINT_RESTART,
    /** Caps each micro-batch (maxOffsetsPerTrigger), so a backlog drains in bounded batches. */
    CAPPED_BATCHES,
    /** Routes records it cannot process to a dead letter queue with a reason. */
    DEAD_LETTER_QUEUE,
    /** Keeps the order of records within a source partition. */
    PER_PARTITION_ORDER,
    /** Runs on a processing-time trigger that the SLA/3 rule can hold. */
    SLA_TRIGGER,
    /** Runs in Real-Time Mode. */
    REAL_TIME_MODE,
    /**
     * Writes windowed aggregates (counts per event-time window and group) that the conformance kit
     * can recompute from the input and compare, window by window.
     */
    WINDOWED_AGGREGATES,
    /**
     * Runs per-record logic of its own (beyond parsing) guarded: a record that logic throws on goes
     * to the dead letter queue with the exception's class and message, and the query keeps running.
     */
    GUARDED_TRANSFORMATION,
    /**
     * Keeps the members of an input record that its schema does not name in the output (in a column
     * of their own, or the record passed on whole), so a field producers add is there before the
     * schema catches up with it.
     */
    KEEPS_UNKNOWN_FIELDS;

    private static final Set<Capability> CONFIGURED = EnumSet.of(CAPPED_BATCHES, SLA_TRIGGER, REAL_TIME_MODE);

    /**
     * What {@code pipeline}'s configuration gives, plus what is intrinsic to the pattern that built
     * it: {@link #CAPPED_BATCHES} when the source caps its micro-batches and the trigger is not
     * Real-Time Mode (which has no batches to cap), {@link #SLA_TRIGGER} for a processing-time
     * trigger, {@link #REAL_TIME_MODE} for a real-time one.
     *
     * @param intrinsic what the pattern's design gives whatever its configuration (traceable records,
     *     order, a dead letter queue it has, restarts)
     * @throws IllegalArgumentException when {@code intrinsic} names a capability the configuration decides
     */
    public static Set<Capability> of(Pipeline pipeline, Capability... intrinsic) {
        Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
        for (Capability capability : intrinsic) {
            if (CONFIGURED.contains(capability)) {
                throw new IllegalArgumentException(capability + " follows from the pipeline's configuration;"
                        + " expected only capabilities the configuration does not decide");
            }
            capabilities.add(capability);
        }
        TriggerPolicy.Kind trigger = pipeline.trigger().kind();
        if (pipeline.source().capsBatchSize() && trigger != TriggerPolicy.Kind.REAL_TIME) {
            capabilities.add(CAPPED_BATCHES);
        }
        if (trigger == TriggerPolicy.Kind.PROCESSING_TIME) {
            capabilities.add(SLA_TRIGGER);
        }
        if (trigger == TriggerPolicy.Kind.REAL_TIME) {
            capabilities.add(REAL_TIME_MODE);
        }
        return Collections.unmodifiableSet(capabilities);
    }
}
