package io.streampatterns.harness.patterns.bronze;

import static org.apache.spark.sql.functions.current_timestamp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streampatterns.core.transform.IngestionTime;
import io.streampatterns.harness.spark.LocalSpark;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.debug.package$;
import org.junit.jupiter.api.Test;

/** Bronze's ingestion_timestamp is compiled once, not once per batch, and still says when a record was processed. */
class IngestionTimeIT {
    private static final SparkSession SPARK = LocalSpark.session();

    /**
     * Purpose: the column's generated code is the same in every batch, so Spark compiles it once.
     *
     * <p>How: the code Spark generates for a query selecting the column, planned twice, as two
     * micro-batches are; and the same for {@code current_timestamp()}, planned until the clock has
     * moved on, which must differ (the case this guards against, and the proof the comparison can fail).
     *
     * <p>Pass: identical code for {@link IngestionTime#now()}; different code for current_timestamp()
     * within 5 s.
     */
    @Test
    void generatesTheSameCodeInEveryBatch() {
        assertThat(generatedCode(IngestionTime.now())).isEqualTo(generatedCode(IngestionTime.now()));
        // current_timestamp() folds into a literal per batch: once the clock moves on, the code differs.
        String first = generatedCode(current_timestamp());
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                .until(() -> !generatedCode(current_timestamp()).equals(first));
    }

    /** Purpose: the value is the processing time. Pass: every row's between the times before and after the query ran. */
    @Test
    void holdsWhenEachRecordWasProcessed() {
        long before = System.currentTimeMillis();
        List<Row> rows = SPARK.range(1_000).select(IngestionTime.now().alias("t")).collectAsList();
        long after = System.currentTimeMillis();
        assertThat(rows).hasSize(1_000).allSatisfy(row -> assertThat(row.<Timestamp>getAs("t").getTime())
                .isBetween(before, after));
    }

    private static String generatedCode(Column column) {
        String code = package$.MODULE$.codegenString(SPARK.range(10).select(column.alias("t")).queryExecution().executedPlan());
        // The plan's ids (expression ids, codegen stage ids) differ from query to query; the literals do not.
        return code.replaceAll("#\\d+", "#").replaceAll("codegenStageId=\\d+", "");
    }
}
