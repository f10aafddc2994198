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
