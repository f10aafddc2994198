package io.streampatterns.harness.conformance;

import java.util.Optional;

/**
 * Where a pipeline's main output lands and how each record of it leads back to its input, so the
 * kit can read it back without knowing the pipeline. Two kinds: a Delta table or a Kafka topic.
 */
public sealed interface OutputLocation {

    /**
     * A Delta table at {@code path} whose whole-number column {@code seqColumn} holds the input's seq.
     * Add {@link DeltaTable#withSourceOrder} when the table keeps each record's source partition and
     * offset, so per-partition order can be checked.
     */
    static DeltaTable deltaTable(String path, String seqColumn) {
        return new DeltaTable(path, seqColumn, Optional.empty(), Optional.empty());
    }

    /** A Kafka topic whose records lead back to their input by {@code lineage}. */
    static KafkaTopic kafkaTopic(String topic, Lineage lineage) {
        return new KafkaTopic(topic, lineage);
    }

    /** A human-readable name for messages. */
    String describe();

    /**
     * @param partitionColumn the source partition of each row, when the table keeps it
     * @param offsetColumn the source offset of each row, when the table keeps it
     */
    record DeltaTable(String path, String seqColumn, Optional<String> partitionColumn, Optional<String> offsetColumn)
            implements OutputLocation {

        /** The same table, whose rows also carry their source partition and offset in these columns. */
        public DeltaTable withSourceOrder(String partition, String offset) {
            return new DeltaTable(path, seqColumn, Optional.of(partition), Optional.of(offset));
        }

        @Override
        public String describe() {
            return "Delta table " + path;
        }
    }

    record KafkaTopic(String topic, Lineage lineage) implements OutputLocation {
        @Override
        public String describe() {
            return "Kafka topic " + topic;
        }
    }
}
