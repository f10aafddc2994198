package io.streampatterns.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.streampatterns.core.Sink.DeliveryGuarantee;
import org.junit.jupiter.api.Test;

class KafkaSinkTest {

    @Test
    void defaultsAreDurable() {
        KafkaSink sink = KafkaSink.builder().bootstrapServers("h:9092").topic("out").build();

        assertThat(sink.validate()).isEmpty();
        assertThat(sink.sparkOptions())
                .containsEntry("topic", "out")
                .containsEntry("kafka.acks", "all")
                .containsEntry("kafka.enable.idempotence", "true")
                .containsEntry("kafka.compression.type", "lz4");
        assertThat(sink.deliveryGuarantee()).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
    }

    @Test
    void noTopicIsNamed() {
        assertThat(KafkaSink.builder().bootstrapServers("h:9092").build().validate())
                .singleElement().asString().startsWith("topic: expected the output topic's name");
    }

    @Test
    void aTopicColumnNeedsNoTopic() {
        KafkaSink sink = KafkaSink.builder().bootstrapServers("h:9092").topicFromColumn().build();

        assertThat(sink.validate()).isEmpty();
        assertThat(sink.sparkOptions()).doesNotContainKey("topic");
    }

    @Test
    void idempotenceWithoutAcksAllIsRefused() {
        assertThat(KafkaSink.builder().bootstrapServers("h:9092").topic("t").acks("1").build().validate())
                .singleElement().asString().contains("idempotence needs acks=all, got acks=1");
    }

    @Test
    void unknownAcksAndCompressionAreNamed() {
        assertThat(KafkaSink.builder().bootstrapServers("h:9092").topic("t").acks("two").compression("brotli")
                        .idempotence(false).build().validate())
                .anySatisfy(p -> assertThat(p).startsWith("kafka.acks: expected one of all, -1, 0, 1, got 'two'"))
                .anySatisfy(p -> assertThat(p).startsWith("kafka.compression.type:").contains("'brotli'"));
    }
}
