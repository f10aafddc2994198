package io.streampatterns.harness.conformance.broken;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.json_object_keys;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.streampatterns.core.Capability;
import io.streampatterns.core.Sink.DeliveryGuarantee;
import io.streampatterns.core.dlq.DeadLetters;
import io.streampatterns.core.dlq.DlqReason;
import io.streampatterns.harness.conformance.DeadLetterLocation;
import io.streampatterns.harness.conformance.Lineage;
import io.streampatterns.harness.conformance.OutputLocation;
import io.streampatterns.harness.conformance.PipelineUnderTest;
import io.streampatterns.harness.conformance.TestRun;
import io.streampatterns.harness.data.EventGenerator;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A correct validating job written with Spark's API alone: JSON events from the run's input topic;
 * each micro-batch (in {@code foreachBatch}) sends the valid ones, unchanged, to the output topic and
 * the others to the dead letter topic, in this project's envelope ({@link DeadLetters}) with a reason,
 * a detail and the source topic, partition and offset. Rejected: a value that is not a JSON object
 * (MALFORMED_JSON), a field that does not fit {@link EventGenerator#SCHEMA} (SCHEMA_VALIDATION_FAILED),
 * no {@code event_id} (MISSING_REQUIRED_FIELD).
 *
 * <p>Valid values go out as they came, members outside the schema too (KEEPS_UNKNOWN_FIELDS).
 *
 * <p>Two plain Kafka writes per batch: a batch replayed after a failure may write again, so the
 * job promises AT_LEAST_ONCE. {@link LosesDeadLetters} breaks it through {@link #deadLetters},
 * {@link ThrowsOnAPoisonRecord} and {@link RejectsUnknownFields} through {@link #transform}.
 */
public class ValidatingJob implements PipelineUnderTest {
    private static final String CORRUPT = "_corrupt_record";
    private static final StructType SCHEMA_WITH_CORRUPT = EventGenerator.SCHEMA.add(CORRUPT, DataTypes.StringType);

    @Override
    public DeliveryGuarantee deliveryGuarantee() {
        return DeliveryGuarantee.AT_LEAST_ONCE;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.TRACEABLE_RECORDS, Capability.CHECKPOINT_RESTART, Capability.DEAD_LETTER_QUEUE,
                Capability.KEEPS_UNKNOWN_FIELDS);
    }

    @Override
    public StreamingQuery start(TestRun run) throws TimeoutException {
        Map<String, String> kafka = run.sparkKafkaOptions();
        String outputTopic = run.outputTopic();
        String dlqTopic = run.dlqTopic();
        VoidFunction2<Dataset<Row>, Long> writeBatch = (batch, batchId) -> {
            Dataset<Row> checked = batch.persist();
            try {
                checked.filter(col("reason").isNull()).select("key", "value")
                        .write().format("kafka").options(kafka).option("topic", outputTopic).save();
                deadLetters(checked.filter(col("reason").isNotNull()))
                        .write().format("kafka").options(kafka).option("topic", dlqTopic).save();
            } finally {
                checked.unpersist();
            }
        };
        Dataset<Row> records = run.spark().readStream().format("kafka").options(KafkaSourceOptions.of(run)).load();
        Dataset<Row> checked = records.withColumn("verdict", verdict(col("value").cast("string")))
                .select(col("*"), col("verdict.reason").as("reason"), col("verdict.detail").as("detail"))
                .drop("verdict");
        return transform(checked)
                .writeStream()
                .queryName(run.name())
                .option("checkpointLocation", run.checkpointLocation())
                .trigger(run.sparkTrigger())
                .foreachBatch(writeBatch)
                .start();
    }

    /** What happens to the checked records (the Kafka source's columns, reason, detail) before the batch is written: nothing. */
    protected Dataset<Row> transform(Dataset<Row> checked) {
        return checked;
    }

    /** Why {@code json} must be rejected, as a struct of {@code reason} and {@code detail}; null for a valid event. */
    private static Column verdict(Column json) {
        Column parsed = from_json(json, SCHEMA_WITH_CORRUPT, Map.of("columnNameOfCorruptRecord", CORRUPT));
        return when(json_object_keys(json).isNull(), rejection(DlqReason.MALFORMED_JSON, "the value is not a JSON object"))
                .when(parsed.getField(CORRUPT).isNotNull(), rejection(DlqReason.SCHEMA_VALIDATION_FAILED,
                        "a field does not fit the event schema " + EventGenerator.SCHEMA.simpleString()))
                .when(parsed.getField("event_id").isNull(), rejection(DlqReason.MISSING_REQUIRED_FIELD,
                        "event_id is absent or null"));
    }

    private static Column rejection(DlqReason reason, String detail) {
        return struct(lit(reason.name()).as("reason"), lit(detail).as("detail"));
    }

    /**
     * The dead letters of a batch's rejected records (the Kafka source's columns plus {@code reason}
     * and {@code detail}): one each, in this project's envelope, ready for the Kafka writer.
     */
    protected Dataset<Row> deadLetters(Dataset<Row> rejected) {
        return DeadLetters.of(rejected, col("reason"), col("detail"), name());
    }

    @Override
    public OutputLocation output(TestRun run) {
        return OutputLocation.kafkaTopic(run.outputTopic(), Lineage.jsonField("seq"));
    }

    @Override
    public Optional<DeadLetterLocation> deadLetters(TestRun run) {
        return Optional.of(DeadLetterLocation.kafkaTopic(run.dlqTopic()));
    }
}
