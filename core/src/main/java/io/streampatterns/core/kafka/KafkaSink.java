package io.streampatterns.core.kafka;

import io.streampatterns.core.Checkpoint;
import io.streampatterns.core.Sink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * Writes rows with {@code key} and {@code value} columns (and optionally {@code headers}, and
 * {@code topic} when routing per row) to Kafka.
 *
 * <p>Defaults favour durability: {@code acks=all} so a record is acknowledged only once every
 * in-sync replica has it, idempotence so producer retries do not duplicate, and lz4 compression,
 * which saves network at little CPU cost. Spark's Kafka sink is at-least-once: a micro-batch that
 * was written but not committed before a crash is written again on restart.
 */
public final class KafkaSink implements Sink {
    private static final Set<String> ACKS = Set.of("all", "-1", "0", "1");
    private static final Set<String> COMPRESSION = Set.of("none", "gzip", "snappy", "lz4", "zstd");

    private final KafkaConnection connection;
    private final String topic;
    private final boolean topicFromColumn;
    private final String acks;
    private final String compression;
    private final boolean idempotence;

    private KafkaSink(Builder b) {
        this.connection = b.connection;
        this.topic = b.topic;
        this.topicFromColumn = b.topicFromColumn;
        this.acks = b.acks;
        this.compression = b.compression;
        this.idempotence = b.idempotence;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public List<String> validate() {
        List<String> problems = new ArrayList<>(connection.validate());
        if (!topicFromColumn && (topic == null || topic.isBlank())) {
            problems.add("topic: expected the output topic's name (or topicFromColumn()), got nothing");
        }
        if (!ACKS.contains(acks)) {
            problems.add("kafka.acks: expected one of all, -1, 0, 1, got '" + acks + "'");
        }
        if (!COMPRESSION.contains(compression)) {
            problems.add("kafka.compression.type: expected one of " + new java.util.TreeSet<>(COMPRESSION)
                    + ", got '" + compression + "'");
        }
        if (idempotence && !(acks.equals("all") || acks.equals("-1"))) {
            problems.add("kafka.acks: idempotence needs acks=all, got acks=" + acks
                    + "; set acks to all or turn idempotence off");
        }
        return problems;
    }

    @Override
    public StreamingQuery start(DataStreamWriter<Row> writer, Checkpoint checkpoint) throws TimeoutException {
        return writer.format("kafka").options(sparkOptions()).start();
    }

    /** Writes one batch DataFrame, for use inside foreachBatch (routing, dead letters). */
    public void writeBatch(Dataset<Row> batch) {
        batch.write().format("kafka").options(sparkOptions()).save();
    }

    /** Spark's options for this sink. */
    public Map<String, String> sparkOptions() {
        Map<String, String> options = new LinkedHashMap<>(connection.sparkOptions());
        if (!topicFromColumn) {
            options.put("topic", topic);
        }
        options.put("kafka.acks", acks);
        options.put("kafka.compression.type", compression);
        options.put("kafka.enable.idempotence", String.valueOf(idempotence));
        return options;
    }

    @Override
    public DeliveryGuarantee deliveryGuarantee() {
        return DeliveryGuarantee.AT_LEAST_ONCE;
    }

    @Override
    public boolean supportsRealTimeMode() {
        return true;
    }

    public String topic() {
        return topic;
    }

    @Override
    public String toString() {
        return "KafkaSink(" + (topicFromColumn ? "topic column" : topic) + ", acks=" + acks + ")";
    }

    /** Collects a sink's options; {@link #build()} never throws: the pipeline checks everything at once. */
    public static final class Builder extends KafkaClientBuilder<Builder> {
        private String topic;
        private boolean topicFromColumn;
        private String acks = "all";
        private String compression = "lz4";
        private boolean idempotence = true;


        public Builder topic(String topic) {
            this.topic = topic;
            return this;
        }

        /** Each row names its own topic in a {@code topic} column: routing without foreachBatch. */
        public Builder topicFromColumn() {
            this.topicFromColumn = true;
            return this;
        }

        public Builder acks(String acks) {
            this.acks = acks;
            return this;
        }

        public Builder compression(String compression) {
            this.compression = compression;
            return this;
        }

        public Builder idempotence(boolean idempotence) {
            this.idempotence = idempotence;
            return this;
        }



        public KafkaSink build() {
            return new KafkaSink(this);
        }
    }
}
