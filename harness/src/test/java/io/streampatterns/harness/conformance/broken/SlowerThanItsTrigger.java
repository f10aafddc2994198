package io.streampatterns.harness.conformance.broken;

import io.streampatterns.core.Capability;
import io.streampatterns.core.Sink.DeliveryGuarantee;
import io.streampatterns.harness.conformance.Lineage;
import io.streampatterns.harness.conformance.OutputLocation;
import io.streampatterns.harness.conformance.PipelineUnderTest;
import io.streampatterns.harness.conformance.TestRun;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * Broken on purpose: runs on the trigger it was given, but every batch with data takes a second
 * longer than the trigger's interval (a slow step after its write), so batches fall ever further
 * behind the trigger while it declares SLA_TRIGGER. Copies each input record to the output topic.
 * The sla check must fail it for batches that took longer than the trigger.
 */
public final class SlowerThanItsTrigger implements PipelineUnderTest {
    private static final Duration OVER_THE_TRIGGER = Duration.ofSeconds(1);

    @Override
    public DeliveryGuarantee deliveryGuarantee() {
        return DeliveryGuarantee.AT_LEAST_ONCE;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.TRACEABLE_RECORDS, Capability.SLA_TRIGGER);
    }

    @Override
    public StreamingQuery start(TestRun run) throws Exception {
        Map<String, String> kafka = run.sparkKafkaOptions();
        String topic = run.outputTopic();
        long slowStepMs = run.trigger().interval().plus(OVER_THE_TRIGGER).toMillis();
        VoidFunction2<Dataset<Row>, Long> writeBatch = (batch, batchId) -> {
            if (batch.isEmpty()) {
                return;
            }
            batch.select("key", "value").write().format("kafka").options(kafka).option("topic", topic).save();
            Thread.sleep(slowStepMs);
        };
        return KafkaEvents.records(run).writeStream()
                .queryName(run.name())
                .option("checkpointLocation", run.checkpointLocation())
                .trigger(run.sparkTrigger())
                .foreachBatch(writeBatch)
                .start();
    }

    @Override
    public OutputLocation output(TestRun run) {
        return OutputLocation.kafkaTopic(run.outputTopic(), Lineage.jsonField("seq"));
    }
}
