package io.streampatterns.harness.conformance.broken;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;

import io.streampatterns.core.Capability;
import io.streampatterns.core.Sink.DeliveryGuarantee;
import io.streampatterns.harness.conformance.OutputLocation;
import io.streampatterns.harness.conformance.PipelineUnderTest;
import io.streampatterns.harness.conformance.TestRun;
import io.streampatterns.harness.data.EventGenerator;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * A correct job written with Spark's API alone, as a team would: JSON events from the run's input
 * topic, parsed with {@code from_json}, their {@code seq}, source {@code partition} and
 * {@code offset} appended to a Delta table by Delta's streaming sink, which writes each batch
 * exactly once. It honours the run's batch cap and trigger.
 *
 * <p>The broken jobs of this package are subclasses that override one hook each
 * ({@link #sourceOptions}, {@link #checkpointLocation}, {@link #transform}), so the override is the break.
 */
public class JsonToDeltaJob implements PipelineUnderTest {

    @Override
    public DeliveryGuarantee deliveryGuarantee() {
        return DeliveryGuarantee.EXACTLY_ONCE;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.TRACEABLE_RECORDS, Capability.CHECKPOINT_RESTART, Capability.CAPPED_BATCHES,
                Capability.PER_PARTITION_ORDER, Capability.SLA_TRIGGER);
    }

    @Override
    public StreamingQuery start(TestRun run) throws TimeoutException {
        Dataset<Row> records = run.spark().readStream().format("kafka").options(sourceOptions(run)).load();
        Dataset<Row> events = records
                .select(from_json(col("value").cast("string"), EventGenerator.SCHEMA).as("event"), col("partition"), col("offset"))
                .select(col("event.seq").as("seq"), col("partition"), col("offset"));
        return transform(events).writeStream()
                .format("delta")
                .queryName(run.name())
                .option("checkpointLocation", checkpointLocation(run))
                .trigger(run.sparkTrigger())
                .start(run.outputTable());
    }

    /** The Kafka source's options: the run's topic from the earliest offsets, with the run's batch cap. */
    protected Map<String, String> sourceOptions(TestRun run) {
        return KafkaSourceOptions.of(run);
    }

    /** Where the query keeps its checkpoint: the run's, so a restart resumes where the last query stopped. */
    protected String checkpointLocation(TestRun run) {
        return run.checkpointLocation();
    }

    /** What happens to the parsed events ({@code seq}, {@code partition}, {@code offset}) before the sink: nothing. */
    protected Dataset<Row> transform(Dataset<Row> events) {
        return events;
    }

    @Override
    public OutputLocation output(TestRun run) {
        return OutputLocation.deltaTable(run.outputTable(), "seq").withSourceOrder("partition", "offset");
    }
}
