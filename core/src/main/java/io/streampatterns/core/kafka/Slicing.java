package io.streampatterns.core.kafka;

import org.apache.kafka.common.utils.Utils;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How the transactional sink cuts a micro-batch into slices, one Kafka transaction each. A record's
 * slice is a function of the record alone: Spark's Kafka source does not number a batch's
 * partitions the same way when the batch is replayed, so they cannot be the slices.
 */
final class Slicing {
    private Slicing() {
    }

    /**
     * One slice per partition of the output topic, holding exactly the records Kafka's default
     * partitioner sends there (by key; by value where there is no key). A slice then writes one
     * partition, and the records of each source partition keep their order in it.
     */
    static JavaRDD<Row> byOutputPartition(Dataset<Row> batch, int partitions) {
        return batch.toJavaRDD()
                .keyBy(row -> partitionOf(row, partitions))
                .partitionBy(new SlicePartitioner(partitions))
                .values();
    }

    /** The partition Kafka's default partitioner gives a record with this row's key, else its value. */
    static int partitionOf(Row row, int partitions) {
        byte[] key = SliceTransaction.OutputRow.bytes(SliceTransaction.OutputRow.field(row, "key"));
        byte[] basis = key != null ? key : SliceTransaction.OutputRow.bytes(SliceTransaction.OutputRow.field(row, "value"));
        return basis == null ? 0 : Utils.toPositive(Utils.murmur2(basis)) % partitions;
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
