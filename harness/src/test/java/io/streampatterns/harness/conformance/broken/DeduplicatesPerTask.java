package io.streampatterns.harness.conformance.broken;

import io.streampatterns.core.Capability;
import io.streampatterns.core.Sink.DeliveryGuarantee;
import io.streampatterns.harness.conformance.Lineage;
import io.streampatterns.harness.conformance.OutputLocation;
import io.streampatterns.harness.conformance.PipelineUnderTest;
import io.streampatterns.harness.conformance.TestRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.spark.sql.ForeachWriter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * Broken: a Kafka → Kafka relay made "exactly-once" the way Spark's {@code ForeachWriter} contract
 * suggests: a task that finished writes a marker named by its partition id and epoch (batch id),
 * and a replayed task whose marker exists skips its rows. That holds only while a replay cuts the
 * batch into the same partitions; this job reads with {@code minPartitions} of three per task slot
 * (sizing its reads to the cluster, a common tuning), so on a cluster of another size the replayed
 * batch has other partitions: markers of the first run skip rows it never wrote and let rows it
 * did write be written again. The rescale check must fail, counting duplicates or missing seqs.
 */
public class DeduplicatesPerTask implements PipelineUnderTest {

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
        Map<String, String> options = KafkaSourceOptions.of(run);
        options.put("minPartitions", Integer.toString(3 * run.spark().sparkContext().defaultParallelism()));
        Map<String, Object> producer = new HashMap<>(run.kafkaClientProperties());
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, run.bootstrapServers());
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        return run.spark().readStream().format("kafka").options(options).load()
                .select("key", "value").writeStream()
                .queryName(run.name())
                .option("checkpointLocation", run.checkpointLocation())
                .trigger(run.sparkTrigger())
                .foreach(new MarkedWriter(run.outputTopic(), producer, run.folder().resolve("markers").toString()))
                .start();
    }

    @Override
    public OutputLocation output(TestRun run) {
        return OutputLocation.kafkaTopic(run.outputTopic(), Lineage.jsonField("seq"));
    }

    /** Writes a task's rows to Kafka unless a marker says this partition of this epoch was written. */
    private static final class MarkedWriter extends ForeachWriter<Row> {
        private final String topic;
        private final Map<String, Object> config;
        private final String markers;
        private transient KafkaProducer<byte[], byte[]> producer;
        private transient Path marker;

        MarkedWriter(String topic, Map<String, Object> config, String markers) {
            this.topic = topic;
            this.config = config;
            this.markers = markers;
        }

        @Override
        public boolean open(long partitionId, long epochId) {
            marker = Path.of(markers, epochId + "-" + partitionId);
            if (Files.exists(marker)) {
                return false;
            }
            producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
            return true;
        }

        @Override
        public void process(Row row) {
            producer.send(new ProducerRecord<>(topic, row.getAs("key"), row.getAs("value")));
        }

        @Override
        public void close(Throwable error) {
            if (producer == null) {
                return;
            }
            producer.close();
            producer = null;
            if (error == null) {
                try {
                    Files.createDirectories(marker.getParent());
                    Files.createFile(marker);
                } catch (IOException e) {
                    throw new UncheckedIOException("could not write the marker " + marker, e);
                }
            }
        }
    }
}
