package io.streampatterns.core.delta;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** When a batch is a plain append in the table's columns, and when it must go through Delta's writer. */
class ChecksumTransactionAppendTest {
    private static final StructType TABLE = new StructType()
            .add("key", DataTypes.StringType, true)
            .add("offset", DataTypes.LongType, true)
            .add("tags", DataTypes.createArrayType(DataTypes.StringType, true), true)
            .add("address", new StructType().add("city", DataTypes.StringType, true), true);

    /** Delta stores every column nullable; Kafka's offset is not null in the batch: still the same columns. */
    @Test
    void nullabilityAndFieldMetadataAreNotADifference() {
        StructType batch = new StructType()
                .add("key", DataTypes.StringType, false)
                .add("offset", DataTypes.LongType, false)
                .add("tags", DataTypes.createArrayType(DataTypes.StringType, false), false)
                .add("address", new StructType().add("city", DataTypes.StringType, false), false);
        assertThat(ChecksumTransactionAppend.sameColumns(TABLE, batch)).isTrue();
    }

    /** A new column, a changed type (also nested), another order: Delta's writer decides (evolve or refuse). */
    @Test
    void otherColumnsTypesOrOrderAreADifference() {
        assertThat(ChecksumTransactionAppend.sameColumns(TABLE, TABLE.add("extra", DataTypes.StringType))).isFalse();
        assertThat(ChecksumTransactionAppend.sameColumns(TABLE, new StructType()
                .add("key", DataTypes.StringType).add("offset", DataTypes.IntegerType)
                .add("tags", DataTypes.createArrayType(DataTypes.StringType))
                .add("address", new StructType().add("city", DataTypes.StringType))))
                .isFalse();
        assertThat(ChecksumTransactionAppend.sameColumns(TABLE, new StructType()
                .add("key", DataTypes.StringType).add("offset", DataTypes.LongType)
                .add("tags", DataTypes.createArrayType(DataTypes.StringType))
                .add("address", new StructType().add("city", DataTypes.IntegerType))))
                .isFalse();
        assertThat(ChecksumTransactionAppend.sameColumns(TABLE, new StructType()
                .add("offset", DataTypes.LongType).add("key", DataTypes.StringType)
                .add("tags", DataTypes.createArrayType(DataTypes.StringType))
                .add("address", new StructType().add("city", DataTypes.StringType))))
                .isFalse();
    }
}
