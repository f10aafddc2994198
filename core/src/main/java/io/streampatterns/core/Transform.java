package io.streampatterns.core;

import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One step from input rows to output rows. Transforms compose with {@link #andThen(Transform)},
 * so a pipeline is a source, a chain of small named steps, and a sink.
 */
@FunctionalInterface
public interface Transform {

    Dataset<Row> apply(Dataset<Row> input);

    /** This step, then {@code next}. */
    default Transform andThen(Transform next) {
        Objects.requireNonNull(next, "next");
        return input -> next.apply(apply(input));
    }

    /** The step that changes nothing. */
    static Transform identity() {
        return input -> input;
    }
}
