package io.streampatterns.harness.conformance.broken;

import io.streampatterns.core.Capability;
import io.streampatterns.core.Sink.DeliveryGuarantee;
import io.streampatterns.core.kafka.TransactionalKafkaSink;
import io.streampatterns.harness.conformance.Lineage;
import io.streampatterns.harness.conformance.OutputLocation;
import io.streampatterns.harness.conformance.PipelineUnderTest;
import io.streampatterns.harness.conformance.TestRun;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * A Kafka → Kafka relay through the {@link TransactionalKafkaSink}: each micro-batch's records are
 * copied unchanged to the output topic, then a 2 s side effect runs, which keeps a driver kill
 * likely to land after the batch's slices committed and before Spark committed the batch. The
 * replay after such a kill must add nothing: the job promises EXACTLY_ONCE, read with
 * {@code read_committed}. {@link RelaysWithoutReplayDetection} breaks it through {@link #sink}.
 */
public class TransactionalRelayJob implements PipelineUnderTest {
    private static final Duration SIDE_EFFECT = Duration.ofSeconds(2);

    @Override
    public DeliveryGuarantee deliveryGuarantee() {
        return DeliveryGuarantee.EXACTLY_ONCE;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.TRACEABLE_RECORDS, Capability.CHECKPOINT_RESTART, Capability.CAPPED_BATCHES);
    }

    @Override
    public StreamingQuery start(TestRun run) throws Exception {
        TransactionalKafkaSink sink = sink(run).build();
        VoidFunction2<Dataset<Row>, Long> writeBatch = (batch, batchId) -> {
            sink.writeBatch(batch, batchId);
            Thread.sleep(SIDE_EFFECT.toMillis());
        };
        return KafkaEvents.records(run).select("key", "value").writeStream()
                .queryName(run.name())
                .option("checkpointLocation", run.checkpointLocation())
                .trigger(run.sparkTrigger())
                .foreachBatch(writeBatch)
                .start();
    }

    /** The sink to the run's output topic; its transactional ids start with the query's id. */
    protected TransactionalKafkaSink.Builder sink(TestRun run) {
        TransactionalKafkaSink.Builder sink = TransactionalKafkaSink.builder()
                .bootstrapServers(run.bootstrapServers())
                .topic(run.outputTopic());
        run.kafkaClientProperties().forEach(sink::kafkaOption);
        return sink;
    }

    @Override
    public OutputLocation output(TestRun run) {
        return OutputLocation.kafkaTopic(run.outputTopic(), Lineage.jsonField("seq"));
    }
}
