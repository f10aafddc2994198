package io.streampatterns.core;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Where records that a pipeline cannot process go, so that nothing is lost and nothing bad reaches
 * the output. Dead letters keep the original record, a reason and the source coordinates
 * (see {@link io.streampatterns.core.dlq.DeadLetterRecord}).
 */
public interface DlqPolicy {

    /** Problems in this policy's configuration, each naming the option and what was expected. */
    List<String> validate();

    /**
     * Writes one micro-batch's dead letters, shaped by
     * {@link io.streampatterns.core.dlq.DeadLetters#of}. Called from foreachBatch.
     */
    void send(Dataset<Row> deadLetters);
}
