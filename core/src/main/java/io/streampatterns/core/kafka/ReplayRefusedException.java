package io.streampatterns.core.kafka;

/**
 * A replayed micro-batch that the transactional Kafka sink will not write, because writing it could
 * duplicate or lose records: it was committed cut into other slices, or the output is ahead of the
 * checkpoint. The query fails; nothing is written.
 */
public class ReplayRefusedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public ReplayRefusedException(String message) {
        super(message);
    }

    /** A slice has committed a later batch than the one being written: the checkpoint is older than the output. */
    static ReplayRefusedException aheadOfTheCheckpoint(int slice, long committedBatch, long writingBatch) {
        return new ReplayRefusedException("slice " + slice + " has committed batch " + committedBatch
                + " but the query is writing batch " + writingBatch + ": the checkpoint is older than the output;"
                + " to write again on purpose, use a new transactionalIdPrefix");
    }
}
