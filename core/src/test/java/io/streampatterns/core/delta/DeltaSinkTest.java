package io.streampatterns.core.delta;

import static org.assertj.core.api.Assertions.assertThat;

import io.streampatterns.core.Sink.DeliveryGuarantee;
import org.junit.jupiter.api.Test;

class DeltaSinkTest {

    @Test
    void aPathOrTableIsRequired() {
        assertThat(DeltaSink.toPath(" ").validate())
                .containsExactly("delta path or table: expected a table path or a catalog table name, got nothing");
        assertThat(DeltaSink.toTable("bronze.orders").validate()).isEmpty();
    }

    @Test
    void transactionOptionsBelongToTheSink() {
        assertThat(DeltaSink.toPath("/t").option("txnAppId", "x").validate())
                .singleElement().asString().contains("set by the sink from the checkpoint");
    }

    @Test
    void bothWritesAreExactlyOnce() {
        assertThat(DeltaSink.toPath("/t").deliveryGuarantee()).isEqualTo(DeliveryGuarantee.EXACTLY_ONCE);
        assertThat(DeltaSink.toPath("/t").idempotentBatches().writesIdempotentBatches()).isTrue();
    }
}
