package io.streampatterns.benchmarks.jmh;

import io.streampatterns.harness.data.EventGenerator;
import org.apache.spark.sql.SparkSession;

/**
 * The enrichment benchmarks' dimension: a Delta table of users {@code user-0 .. user-(n-1)} with a
 * name and a segment, so every generated event (users 0 to {@value EventGenerator#USERS}-1) matches.
 */
public final class Dimension {
    private Dimension() {
    }

    public static void write(SparkSession spark, String path, int rows) {
        spark.range(rows).selectExpr(
                        "concat('user-', id) AS user_id",
                        "concat('User ', id) AS user_name",
                        "element_at(array('free', 'pro', 'team', 'enterprise'), cast(id % 4 AS int) + 1) AS user_segment")
                .coalesce(1)
                .write().format("delta").mode("overwrite").save(path);
    }
}
