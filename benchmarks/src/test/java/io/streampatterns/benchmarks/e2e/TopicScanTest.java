package io.streampatterns.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.streampatterns.harness.data.EventGenerator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class TopicScanTest {

    @Test
    void seqIsFoundInTheGeneratorsJsonAndInAProjection() {
        String event = new EventGenerator(42).event(123_456).toJson();
        assertThat(TopicScan.seq(bytes(event))).isEqualTo(123_456);
        assertThat(TopicScan.seq(bytes("{\"event_id\":\"evt-1\",\"seq\": 7,\"processed_at\":\"2026-01-01T00:00:00.000Z\"}")))
                .isEqualTo(7);
    }

    @Test
    void noSeqIsMinusOne() {
        assertThat(TopicScan.seq(bytes("{\"sequence\":3}"))).isEqualTo(-1);
        assertThat(TopicScan.seq(bytes("{\"seq\":null}"))).isEqualTo(-1);
        assertThat(TopicScan.seq(null)).isEqualTo(-1);
        assertThat(TopicScan.seq(bytes("\"seq\":"))).isEqualTo(-1);
    }

    @Test
    void producedAtIsTheGeneratorsHeader() {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("t", 0, 0, null, null);
        assertThat(TopicScan.producedAt(record)).isEqualTo(-1);
        record.headers().add(EventGenerator.PRODUCED_AT_HEADER, ByteBuffer.allocate(8).putLong(1_767_225_600_123L).array());
        assertThat(TopicScan.producedAt(record)).isEqualTo(1_767_225_600_123L);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
