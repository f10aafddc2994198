package io.streampatterns.harness.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * How the client layer configures producers and consumers, without a broker (nothing listens on port
 * 1, and no client here sends a request): the same rules hold for the harness's brokers and a team's.
 */
class KafkaClientsTest {

    /** What a client.properties file could hold (a TLS setting, which PLAINTEXT ignores) and must not change. */
    private static final Map<String, String> CLIENT_PROPERTIES = Map.of(
            "ssl.truststore.type", "PKCS12", "acks", "1", "bootstrap.servers", "elsewhere:9092");

    /**
     * Purpose: a producer gets the cluster's client properties, yet the guarantees the harness relies
     * on (acks=all, idempotence, the right address) cannot be lost to them; a caller may still override.
     * How: build the producer configuration from client properties that try to weaken acks and
     * redirect the address, with and without a caller's override.
     * Pass: the TLS setting kept, acks=all, idempotence and the cluster's address win over client properties,
     * the caller's override wins over everything.
     */
    @Test
    void producersKeepTheirGuaranteesOverClientPropertiesButNotOverTheCaller() {
        // 1. Configure
        try (KafkaClients clients = new KafkaClients("127.0.0.1:1", CLIENT_PROPERTIES, null, KafkaClients.TOPIC_READY_TIMEOUT)) {
            Map<String, Object> config = clients.producerConfig(Map.of());

            // 2. Client properties kept, defaults and address win over them
            assertThat(config).containsEntry("ssl.truststore.type", "PKCS12")
                    .containsEntry("acks", "all")
                    .containsEntry("enable.idempotence", true)
                    .containsEntry("bootstrap.servers", "127.0.0.1:1");

            // 3. The caller wins
            assertThat(clients.producerConfig(Map.of("acks", "1", "linger.ms", 5)))
                    .containsEntry("acks", "1").containsEntry("linger.ms", 5);
        }
    }

    /**
     * Purpose: a consumer reads from the start and never commits by itself, so a check sees every
     * record and leaves no trace; a group is set only when asked for.
     * How: build consumer configurations with and without a group.
     * Pass: earliest, no auto-commit, client properties kept; group.id present only when given.
     */
    @Test
    void consumersReadFromTheStartWithoutCommitting() {
        // 1. Configure
        try (KafkaClients clients = new KafkaClients("127.0.0.1:1", CLIENT_PROPERTIES, null, KafkaClients.TOPIC_READY_TIMEOUT)) {
            Map<String, Object> assigned = clients.consumerConfig(null, Map.of());
            Map<String, Object> grouped = clients.consumerConfig("g1", Map.of("max.poll.records", 10));

            // 2. Defaults, client properties, group
            assertThat(assigned).containsEntry("auto.offset.reset", "earliest")
                    .containsEntry("enable.auto.commit", false)
                    .containsEntry("ssl.truststore.type", "PKCS12")
                    .containsEntry("bootstrap.servers", "127.0.0.1:1")
                    .doesNotContainKey("group.id");
            assertThat(grouped).containsEntry("group.id", "g1").containsEntry("max.poll.records", 10);
        }
    }
}
