package io.streampatterns.harness.conformance.broken;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Broken: {@link JsonToDeltaJob} with a filter that silently drops every event whose
 * {@code seq % 1000 == 999} (as a bad business rule or an off-by-one would), yet it still promises
 * EXACTLY_ONCE. The delivery check must fail, naming the missing seqs (999, 1999, ...).
 */
public class DropsOneInAThousand extends JsonToDeltaJob {

    @Override
    protected Dataset<Row> transform(Dataset<Row> events) {
        return events.filter(col("seq").mod(1000).notEqual(999));
    }
}
