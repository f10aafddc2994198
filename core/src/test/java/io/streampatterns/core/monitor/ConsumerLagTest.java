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
}
