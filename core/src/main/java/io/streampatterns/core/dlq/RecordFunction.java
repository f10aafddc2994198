package io.streampatterns.core.dlq;

import java.io.Serializable;
import org.apache.spark.sql.Row;

/**
 * A pattern's own per-record logic (a business rule, a lookup, a conversion) written in Java: one
 * parsed record in, one result row out. It may throw on a record it cannot handle; run through
 * {@link GuardedFunction}, that record goes to the dead letter queue with the exception's class and
 * message, and the query keeps running.
 */
@FunctionalInterface
public interface RecordFunction extends Serializable {

    /** The result for {@code record}, a row of the result schema declared with the function. */
    Row apply(Row record) throws Exception;
}
