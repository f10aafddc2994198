package io.streampatterns.core.kafka;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Utils;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How the transactional sink cuts a micro-batch into slices, one Kafka transaction each: one slice
 * per partition of each output topic, the topics in name order (so {@code a} has slices 0..2 and
 * {@code b} slices 3..4 when {@code a} has three partitions and {@code b} two). A record's slice
 * is a function of the record alone: Spark's Kafka source does not number a batch's partitions the
 * same way when the batch is replayed, so they cannot be the slices.
 */
final class Slicing implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<String> topics;
    private final int[] partitions;
    private final int[] firstSlice;
    private final boolean topicFromColumn;

    /**
     * @param partitionsByTopic each output topic's partition count
     * @param topicFromColumn whether each row names its topic in a {@code topic} column; otherwise
     *     there is one topic and every row goes to it
     */
    Slicing(Map<String, Integer> partitionsByTopic, boolean topicFromColumn) {
        TreeMap<String, Integer> sorted = new TreeMap<>(partitionsByTopic);
        this.topics = new ArrayList<>(sorted.keySet());
        this.partitions = sorted.values().stream().mapToInt(Integer::intValue).toArray();
        this.firstSlice = new int[partitions.length];
        for (int t = 1; t < partitions.length; t++) {
            firstSlice[t] = firstSlice[t - 1] + partitions[t - 1];
        }
        this.topicFromColumn = topicFromColumn;
    }

    int slices() {
        return firstSlice[topics.size() - 1] + partitions[topics.size() - 1];
    }

    /** The topic that slice {@code slice} writes. */
    String topicOf(int slice) {
        return topics.get(topicIndexOf(slice));
    }

    /** The partition of {@link #topicOf} that slice {@code slice} writes. */
    int partitionOf(int slice) {
        return slice - firstSlice[topicIndexOf(slice)];
    }

    /** Each row keyed by its slice and moved there: partition {@code n} of the result is slice {@code n}. */
    JavaRDD<Row> cut(Dataset<Row> batch) {
        return batch.toJavaRDD().keyBy(this::sliceOf).partitionBy(new SlicePartitioner(slices())).values();
    }

    /**
     * The slice of a row: its topic's, at the partition Kafka's default partitioner gives it there
     * (by key; by value where there is no key). A slice then writes one partition, and the records
     * of each source partition keep their order in it.
     *
     * @throws IllegalArgumentException when the row's topic is not one of the sink's topics
     */
    int sliceOf(Row row) {
        int t = 0;
        if (topicFromColumn) {
            Object topic = SliceTransaction.OutputRow.field(row, "topic");
            t = topic == null ? -1 : topics.indexOf(topic.toString());
            if (t < 0) {
                throw new IllegalArgumentException("topic: a row names topic '" + topic + "'; expected one of the"
                        + " transactional sink's topics " + topics + ", each declared before the query starts");
            }
        }
        return firstSlice[t] + partitionOf(row, partitions[t]);
    }

    /** The partition Kafka's default partitioner gives a record with this row's key, else its value. */
    static int partitionOf(Row row, int partitions) {
        byte[] key = SliceTransaction.OutputRow.bytes(SliceTransaction.OutputRow.field(row, "key"));
        byte[] basis = key != null ? key : SliceTransaction.OutputRow.bytes(SliceTransaction.OutputRow.field(row, "value"));
        return basis == null ? 0 : Utils.toPositive(Utils.murmur2(basis)) % partitions;
    }

    private int topicIndexOf(int slice) {
        for (int t = topics.size() - 1; t >= 0; t--) {
            if (slice >= firstSlice[t]) {
                return t;
            }
        }
        throw new IllegalArgumentException("slice " + slice + " is not one of " + slices());
    }

    /** Sends slice number {@code n} to partition {@code n}. */
    static final class SlicePartitioner extends Partitioner {
        private static final long serialVersionUID = 1L;
        private final int partitions;

        SlicePartitioner(int partitions) {
            this.partitions = partitions;
        }

        @Override
        public int numPartitions() {
            return partitions;
        }

        @Override
        public int getPartition(Object slice) {
            return (Integer) slice;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SlicePartitioner p && p.partitions == partitions;
        }

        @Override
        public int hashCode() {
            return partitions;
        }
    }
}
