package io.streampatterns.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streampatterns.core.Sink.DeliveryGuarantee;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransactionalKafkaSinkTest {

    private static TransactionalKafkaSink.Builder valid() {
        return TransactionalKafkaSink.builder().bootstrapServers("h:9092").topic("out");
    }

    @Test
    void defaultsAreValidAndExactlyOnce() {
        TransactionalKafkaSink sink = valid().build();

        assertThat(sink.validate()).isEmpty();
        assertThat(sink.deliveryGuarantee()).isEqualTo(DeliveryGuarantee.EXACTLY_ONCE);
    }

    /** Without replay detection the sink says what it is: at-least-once. */
    @Test
    void withoutReplayDetectionItClaimsAtLeastOnce() {
        TransactionalKafkaSink sink = valid().withoutReplayDetection().build();

        assertThat(sink.deliveryGuarantee()).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
        assertThat(sink.toString()).contains("replay detection OFF");
    }

    @Test
    void everyProblemIsNamedByItsOption() {
        TransactionalKafkaSink sink = TransactionalKafkaSink.builder().bootstrapServers("h:9092")
                .transactionTimeout(Duration.ZERO)
                .transactionalIdPrefix("has space")
                .markerTopic("bad/topic")
                .kafkaOption("kafka.transactional.id", "mine")
                .kafkaOption("acks", "1")
                .build();

        assertThat(sink.validate()).satisfiesExactlyInAnyOrder(
                p -> assertThat(p).startsWith("topic: expected the output topic's name"),
                p -> assertThat(p).startsWith("transactionTimeout: expected a positive duration"),
                p -> assertThat(p).startsWith("transactionalIdPrefix: expected letters, digits").contains("'has space'"),
                p -> assertThat(p).startsWith("markerTopic: expected a legal topic name").contains("'bad/topic'"),
                p -> assertThat(p).startsWith("kafka.transactional.id: the transactional sink sets this itself"),
                p -> assertThat(p).startsWith("kafka.acks: the transactional sink sets this itself"));
    }

    /** Declared topics are checked like the one topic is: legal names, each once, none the marker topic. */
    @Test
    void topicsFromAColumnAreDeclaredOnceEachAndApartFromTheMarkers() {
        TransactionalKafkaSink sink = TransactionalKafkaSink.builder().bootstrapServers("h:9092")
                .topicFromColumn(java.util.Arrays.asList("valid", "valid", "dlq", null, "markers"))
                .markerTopic("markers")
                .build();

        assertThat(sink.validate()).satisfiesExactlyInAnyOrder(
                p -> assertThat(p).startsWith("topicFromColumn: topic 'valid' is declared twice"),
                p -> assertThat(p).startsWith("topic: expected a legal topic name").contains("'null'"),
                p -> assertThat(p).startsWith("markerTopic: 'markers' is an output topic"));
        assertThat(TransactionalKafkaSink.builder().bootstrapServers("h:9092").topicFromColumn(List.of()).build().validate())
                .anySatisfy(p -> assertThat(p).startsWith("topic: expected the output topic's name"));
    }

    @Test
    void aSliceHasTheSameTransactionalIdInEveryBatch() {
        assertThat(SliceTransaction.transactionalId("q1", 2)).isEqualTo("q1-2");
    }

    @Test
    void aMarkerReadsBackAsWritten() {
        CommitMarker marker = new CommitMarker("q1-2", 41, 2, 3, 1_000);

        assertThat(CommitMarker.fromJson(marker.toJson(), "t-2@7")).isEqualTo(marker);
    }

    @Test
    void aRecordThatIsNotAMarkerIsRefusedWithWhereItWas() {
        assertThatThrownBy(() -> CommitMarker.fromJson("{\"seq\":1}".getBytes(StandardCharsets.UTF_8), "markers-0@12"))
                .hasMessageContaining("not a commit marker at markers-0@12");
        assertThatThrownBy(() -> CommitMarker.fromJson("nope".getBytes(StandardCharsets.UTF_8), "markers-0@13"))
                .hasMessageContaining("not a commit marker at markers-0@13: not JSON");
    }
}
