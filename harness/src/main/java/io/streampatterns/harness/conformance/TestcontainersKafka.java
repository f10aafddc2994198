package io.streampatterns.harness.conformance;

import io.streampatterns.harness.kafka.ExternalKafka;
import java.util.Map;
import org.testcontainers.kafka.KafkaContainer;

/** A single Kafka broker in a container (Testcontainers' Kafka module), for machines with Docker. */
final class TestcontainersKafka {
    static final String IMAGE = "apache/kafka:4.1.0";

    private TestcontainersKafka() {
    }

    static KafkaBackend start() {
        KafkaContainer container = new KafkaContainer(IMAGE);
        container.start();
        ExternalKafka kafka = new ExternalKafka(container.getBootstrapServers(), Map.of());
        return KafkaBackend.of(kafka, () -> {
            kafka.close();
            container.stop();
        }, "testcontainers: " + IMAGE + " at " + container.getBootstrapServers());
    }
}
