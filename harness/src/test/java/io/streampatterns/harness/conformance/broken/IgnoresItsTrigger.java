package io.streampatterns.harness.conformance.broken;

import io.streampatterns.core.Capability;
import io.streampatterns.core.Sink.DeliveryGuarantee;
import io.streampatterns.harness.conformance.Lineage;
import io.streampatterns.harness.conformance.OutputLocation;
import io.streampatterns.harness.conformance.PipelineUnderTest;
import io.streampatterns.harness.conformance.TestRun;
import java.util.EnumSet;
import java.util.Set;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

/**
 * Broken on purpose: declares SLA_TRIGGER but runs on {@code Trigger.ProcessingTime(0)} (a batch as
 * soon as the last one ends) whatever {@code run.trigger()} says, as a job with a hard-coded
 * trigger does. Copies each input record to the output topic. The sla check must fail it for
 * batches that started closer together than the trigger it was given.
 */
public final class IgnoresItsTrigger implements PipelineUnderTest {

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
        return KafkaEvents.records(run).select("key", "value").writeStream()
                .queryName(run.name())
                .format("kafka")
                .options(run.sparkKafkaOptions())
                .option("topic", run.outputTopic())
                .option("checkpointLocation", run.checkpointLocation())
                .trigger(Trigger.ProcessingTime(0))
                .start();
    }

    @Override
    public OutputLocation output(TestRun run) {
        return OutputLocation.kafkaTopic(run.outputTopic(), Lineage.jsonField("seq"));
    }
}
