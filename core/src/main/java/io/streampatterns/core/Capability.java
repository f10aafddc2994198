package io.streampatterns.core;

/**
 * What a pattern promises beyond its delivery guarantee. The conformance harness runs a check only
 * on patterns that declare what the check needs, and reports the rest as not applicable, with why.
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
    REAL_TIME_MODE
}
