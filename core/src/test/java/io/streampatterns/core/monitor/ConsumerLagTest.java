package io.streampatterns.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsumerLagTest {

    /** Lag per partition is the latest offset minus the processed offset. */
    @Test
    void lagIsLatestMinusProcessedPerPartition() {
        Map<String, Long> lag = ConsumerLag.between(
                "{\"events\":{\"0\":100,\"1\":250}}",
                "{\"events\":{\"0\":160,\"1\":250}}");

        assertThat(lag).containsExactlyInAnyOrderEntriesOf(Map.of("events-0", 60L, "events-1", 0L));
        assertThat(new ConsumerLag(lag).total()).isEqualTo(60);
        assertThat(new ConsumerLag(lag).max()).isEqualTo(60);
    }

    /** A partition the query has not read yet lags by everything the broker holds. */
    @Test
    void anUnreadPartitionLagsByItsLatestOffset() {
        assertThat(ConsumerLag.between("{\"events\":{\"0\":5}}", "{\"events\":{\"0\":5,\"1\":40}}"))
                .containsEntry("events-1", 40L);
    }

    @Test
    void noOffsetsMeansNoLag() {
        assertThat(ConsumerLag.between("{}", "{}")).isEmpty();
        assertThat(ConsumerLag.NONE.total()).isZero();
    }

    /**
     * Purpose: a checkpoint's lag against the brokers, new partitions included.
     * How: committed offsets for partitions 0 and 1, end offsets for 0, 1 and a partition 2 added since.
     * Pass: 10, 0 and the whole of partition 2.
     */
    @Test
    void measuresACheckpointAgainstTheBrokersEndOffsets() {
        ConsumerLag lag = ConsumerLag.ofCheckpoint(java.util.List.of("{\"orders\":{\"0\":40,\"1\":38}}"),
                java.util.Map.of("orders-0", 50L, "orders-1", 38L, "orders-2", 7L));
        assertThat(lag.byPartition()).containsExactlyInAnyOrderEntriesOf(
                java.util.Map.of("orders-0", 10L, "orders-1", 0L, "orders-2", 7L));
        assertThat(lag.total()).isEqualTo(17);
    }
}
