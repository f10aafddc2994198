package io.streampatterns.core.dlq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

class GuardedFunctionTest {
    private static final RecordFunction UPPER_PRIORITY = record -> RowFactory.create(
            Priority.valueOf(record.getString(0).toUpperCase(java.util.Locale.ROOT)).ordinal());

    enum Priority { NORMAL, HIGH }

    /** A record the function handles gives its result and no error. */
    @Test
    void aHandledRecordGivesItsResult() {
        Row guarded = GuardedFunction.call(UPPER_PRIORITY, RowFactory.create("high"));

        assertThat(guarded.<Row>getAs(0).getInt(0)).isEqualTo(1);
        assertThat(guarded.isNullAt(1)).isTrue();
    }

    /** A record the function throws on gives no result and the exception's class and message. */
    @Test
    void aThrowingRecordGivesTheExceptionsClassAndMessage() {
        Row guarded = GuardedFunction.call(UPPER_PRIORITY, RowFactory.create("urgent"));

        assertThat(guarded.isNullAt(0)).isTrue();
        assertThat(guarded.getString(1)).isEqualTo("java.lang.IllegalArgumentException: No enum constant "
                + Priority.class.getCanonicalName() + ".URGENT");
    }

    /** An Error says the executor is broken, not the record: it is not caught. */
    @Test
    void anErrorIsNotCaught() {
        RecordFunction broken = record -> {
            throw new OutOfMemoryError("heap");
        };

        assertThatThrownBy(() -> GuardedFunction.call(broken, RowFactory.create("x"))).isInstanceOf(OutOfMemoryError.class);
    }

    /** A long message is cut so a dead letter stays small. */
    @Test
    void aLongMessageIsCut() {
        RecordFunction verbose = record -> {
            throw new IllegalStateException("x".repeat(5_000));
        };

        assertThat(GuardedFunction.call(verbose, RowFactory.create("x")).getString(1)).hasSize(1_001).endsWith("…");
    }
}
