package io.streampatterns.harness.conformance;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Choosing where Kafka comes from: every wrong choice is refused with the variable's name. */
class KafkaBackendTest {

    /** On a machine without Docker (like this project's), the Testcontainers backend says so and what to do instead. */
    @Test
    void testcontainersWithoutDockerSaysSoClearly() {
        assumeFalse(Files.exists(Path.of("/var/run/docker.sock")), "a Docker engine is present here");

        assertThatThrownBy(() -> KafkaBackend.fromEnvironment(Map.of("KAFKA_BACKEND", "testcontainers")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a Docker engine, and none was found")
                .hasMessageContaining("Unset KAFKA_BACKEND to use the embedded brokers");
    }

    @Test
    void anUnknownBackendIsNamed() {
        assertThatThrownBy(() -> KafkaBackend.fromEnvironment(Map.of("KAFKA_BACKEND", "docker")))
                .hasMessage("KAFKA_BACKEND: expected embedded, external or testcontainers, got 'docker'");
    }

    @Test
    void anExternalBackendNeedsBootstrapServers() {
        assertThatThrownBy(() -> KafkaBackend.fromEnvironment(Map.of("KAFKA_BACKEND", "external")))
                .hasMessageStartingWith("KAFKA_BOOTSTRAP_SERVERS: expected host:port");
    }
}
