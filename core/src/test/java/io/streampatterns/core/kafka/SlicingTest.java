package io.streampatterns.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class SlicingTest {
    private static final StructType SCHEMA = new StructType().add("key", DataTypes.StringType).add("value", DataTypes.StringType);
    private static final StructType ROUTED = SCHEMA.add("topic", DataTypes.StringType);

    /** Topics are numbered in name order whatever order they are declared in, so a restart that lists them otherwise cuts alike. */
    @Test
    void eachTopicsPartitionsAreConsecutiveSlicesInNameOrder() {
        Slicing slicing = new Slicing(java.util.Map.of("valid", 3, "dlq", 2), true);

        assertThat(slicing.slices()).isEqualTo(5);
        assertThat(java.util.stream.IntStream.range(0, 5).mapToObj(s -> slicing.topicOf(s) + "-" + slicing.partitionOf(s)))
                .containsExactly("dlq-0", "dlq-1", "valid-0", "valid-1", "valid-2");
    }

    /** A routed record's slice writes its topic at the partition Kafka's partitioner would choose there. */
    @Test
    void aRoutedRecordsSliceIsItsTopicsPartition() {
        Slicing slicing = new Slicing(java.util.Map.of("valid", 3, "dlq", 2), true);
        Row row = new GenericRowWithSchema(new Object[] {"user-7", "{}", "valid"}, ROUTED);

        int slice = slicing.sliceOf(row);

        assertThat(slicing.topicOf(slice)).isEqualTo("valid");
        assertThat(slicing.partitionOf(slice))
                .isEqualTo(BuiltInPartitioner.partitionForKey("user-7".getBytes(StandardCharsets.UTF_8), 3));
    }

    /** A row naming an undeclared topic fails its batch rather than being written somewhere else. */
    @Test
    void aRowNamingAnUndeclaredTopicIsRefused() {
        Slicing slicing = new Slicing(java.util.Map.of("valid", 3), true);
        Row row = new GenericRowWithSchema(new Object[] {"k", "{}", "elsewhere"}, ROUTED);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> slicing.sliceOf(row))
                .hasMessageContaining("topic 'elsewhere'").hasMessageContaining("[valid]");
    }

    /** A keyed record's slice is the partition Kafka's own partitioner would send it to, so consumers see the usual layout. */
    @Test
    void aKeyedRecordGoesWhereKafkasPartitionerWouldSendIt() {
        for (int n = 0; n < 200; n++) {
            String key = "user-" + n;
            Row row = new GenericRowWithSchema(new Object[] {key, "{\"seq\":" + n + "}"}, SCHEMA);

            assertThat(Slicing.partitionOf(row, 7))
                    .isEqualTo(BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), 7));
        }
    }

    /** Without a key the value decides, so a replay puts the record in the same slice again. */
    @Test
    void anUnkeyedRecordIsPlacedByItsValue() {
        Row first = new GenericRowWithSchema(new Object[] {null, "{\"seq\":1}"}, SCHEMA);
        Row again = new GenericRowWithSchema(new Object[] {null, "{\"seq\":1}"}, SCHEMA);

        assertThat(Slicing.partitionOf(first, 5)).isEqualTo(Slicing.partitionOf(again, 5))
                .isEqualTo(BuiltInPartitioner.partitionForKey("{\"seq\":1}".getBytes(StandardCharsets.UTF_8), 5));
    }
}
