package io.streampatterns.harness.conformance.broken;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.udf;

import io.streampatterns.core.Capability;
import io.streampatterns.harness.conformance.TestRun;
import io.streampatterns.harness.data.Event;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;

/**
 * Broken: {@link ValidatingJob} with logic of its own after validation, a priority looked up in an
 * enum, run as a plain Spark UDF: {@code Priority.valueOf} throws on {@code urgent}, the task fails
 * four times, and the query stops; nothing after the poison record is processed. It still claims
 * GUARDED_TRANSFORMATION. The poison check must fail, saying the query stopped and naming the exception.
 */
public class ThrowsOnAPoisonRecord extends ValidatingJob {

    enum Priority { NORMAL, HIGH }

    @Override
    public Set<Capability> capabilities() {
        Set<Capability> capabilities = EnumSet.copyOf(super.capabilities());
        capabilities.add(Capability.GUARDED_TRANSFORMATION);
        return capabilities;
    }

    @Override
    protected Dataset<Row> transform(Dataset<Row> checked) {
        UDF1<String, Integer> level = priority -> priority == null ? null
                : Priority.valueOf(priority.toUpperCase(Locale.ROOT)).ordinal();
        return checked.withColumn("priority_level", udf(level, DataTypes.IntegerType)
                .apply(get_json_object(col("value").cast("string"), "$.priority")));
    }

    @Override
    public Optional<ProducerRecord<byte[], byte[]>> poisonRecord(TestRun run, long seq) {
        Event event = run.environment().events().event(seq).withPriority("urgent");
        return Optional.of(new ProducerRecord<>(run.inputTopic(), event.userId().getBytes(StandardCharsets.UTF_8),
                event.toJson().getBytes(StandardCharsets.UTF_8)));
    }
}
