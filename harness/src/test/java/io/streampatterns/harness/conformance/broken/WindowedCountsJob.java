package io.streampatterns.harness.conformance.broken;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.window;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streampatterns.core.Capability;
import io.streampatterns.core.Sink.DeliveryGuarantee;
import io.streampatterns.harness.conformance.OutputLocation;
import io.streampatterns.harness.conformance.PipelineUnderTest;
import io.streampatterns.harness.conformance.TestRun;
import io.streampatterns.harness.conformance.WindowedAggregates;
import io.streampatterns.harness.conformance.WindowedAggregates.Aggregate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * A correct windowed count written with Spark's API alone: events per 1-minute event-time window
 * and {@code event_type}, counted and their {@code amount} summed in Spark's state (a stateful
 * {@code groupBy(window(...), event_type)} behind a watermark), each updated window written to the
 * output topic in update mode as {@code {"event_type", "window_start", "event_count", "amount_sum"}}
 * ({@code window_start} ISO-8601 in UTC). A replayed batch starts again from the state of the batch
 * before it, so a crash counts nothing twice.
 */
public class WindowedCountsJob implements PipelineUnderTest {
    static final Duration WINDOW = Duration.ofMinutes(1);
    /** {@code to_json}'s options for {@code window_start}: ISO-8601 in UTC, whatever the session's time zone. */
    static final Map<String, String> UTC_ISO = Map.of("timestampFormat", "yyyy-MM-dd'T'HH:mm:ss'Z'", "timeZone", "UTC");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public DeliveryGuarantee deliveryGuarantee() {
        return DeliveryGuarantee.AT_LEAST_ONCE;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.WINDOWED_AGGREGATES, Capability.CHECKPOINT_RESTART, Capability.CAPPED_BATCHES);
    }

    @Override
    public StreamingQuery start(TestRun run) throws Exception {
        return KafkaEvents.events(run)
                .withWatermark("event_time", "5 minutes")
                .groupBy(window(col("event_time"), "1 minute"), col("event_type"))
                .agg(count(lit(1)).as("event_count"), sum("amount").as("amount_sum"))
                .select(col("event_type").as("key"), countsJson(col("window.start")).as("value"))
                .writeStream()
                .queryName(run.name())
                .outputMode("update")
                .format("kafka")
                .options(run.sparkKafkaOptions())
                .option("topic", run.outputTopic())
                .option("checkpointLocation", run.checkpointLocation())
                .trigger(run.sparkTrigger())
                .start();
    }

    /** One window's counts as the output's JSON, from columns {@code event_type}, {@code event_count}, {@code amount_sum}. */
    static Column countsJson(Column windowStart) {
        return to_json(struct(col("event_type"), windowStart.as("window_start"), col("event_count"), col("amount_sum")), UTC_ISO);
    }

    /** The output topic: aggregates, which lead back to no single input record. */
    @Override
    public OutputLocation output(TestRun run) {
        return OutputLocation.kafkaTopic(run.outputTopic(), record -> -1);
    }

    @Override
    public Optional<WindowedAggregates> aggregates(TestRun run) {
        return Optional.of(new WindowedAggregates(run.outputTopic(), WINDOW, "event_time", "event_type", "amount",
                WindowedCountsJob::aggregate));
    }

    /** One output record, as {@link #countsJson} wrote it. */
    static Aggregate aggregate(ConsumerRecord<byte[], byte[]> record) {
        try {
            JsonNode value = JSON.readTree(record.value());
            return new Aggregate(value.path("event_type").asText(null), Instant.parse(value.path("window_start").asText()),
                    value.path("event_count").asLong(), OptionalDouble.of(value.path("amount_sum").asDouble()));
        } catch (IOException e) {
            throw new UncheckedIOException("not a windowed count at offset " + record.offset() + " of " + record.topic(), e);
        }
    }
}
