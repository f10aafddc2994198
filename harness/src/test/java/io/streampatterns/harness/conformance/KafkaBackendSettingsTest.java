package io.streampatterns.harness.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streampatterns.harness.conformance.KafkaBackendSettings.Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The KAFKA_* variables, read without starting or reaching any Kafka: each mistake is refused by name. */
class KafkaBackendSettingsTest {

    @Test
    void nothingSetMeansOneEmbeddedBroker() {
        KafkaBackendSettings settings = KafkaBackendSettings.fromEnvironment(Map.of());

        assertThat(settings.backend()).isEqualTo(Backend.EMBEDDED);
        assertThat(settings.brokers()).isEqualTo(1);
    }

    @Test
    void kafkaBrokersChoosesOneOrThreeEmbeddedBrokers() {
        assertThat(KafkaBackendSettings.fromEnvironment(Map.of("KAFKA_BROKERS", "3")).brokers()).isEqualTo(3);

        assertThatThrownBy(() -> KafkaBackendSettings.fromEnvironment(Map.of("KAFKA_BROKERS", "2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("KAFKA_BROKERS: expected 1 or 3").hasMessageEndingWith("got '2'");
        assertThatThrownBy(() -> KafkaBackendSettings.fromEnvironment(Map.of("KAFKA_BROKERS", "three")))
                .hasMessageStartingWith("KAFKA_BROKERS: expected 1 or 3").hasMessageEndingWith("got 'three'");
    }

    @Test
    void bootstrapServersAloneMeanAnExternalClusterWithoutClientProperties() {
        KafkaBackendSettings settings = KafkaBackendSettings.fromEnvironment(
                Map.of("KAFKA_BOOTSTRAP_SERVERS", "broker1:9092, [::1]:9093"));

        assertThat(settings.backend()).isEqualTo(Backend.EXTERNAL);
        assertThat(settings.bootstrapServers()).isEqualTo("broker1:9092,[::1]:9093");
        assertThat(settings.clientPropertiesFile()).isEmpty();
        assertThat(settings.clientProperties()).isEmpty();
    }

    @Test
    void bootstrapServersMustBeHostColonPort() {
        assertThatThrownBy(() -> KafkaBackendSettings.fromEnvironment(Map.of("KAFKA_BOOTSTRAP_SERVERS", "broker1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("KAFKA_BOOTSTRAP_SERVERS: expected host:port[,host:port...] for KAFKA_BACKEND=external, "
                        + "got 'broker1' ('broker1' is not host:port)");
        assertThatThrownBy(() -> KafkaBackendSettings.fromEnvironment(Map.of("KAFKA_BOOTSTRAP_SERVERS", "b1:9092,b2:99999")))
                .hasMessageEndingWith("('b2:99999' is not host:port)");
        assertThatThrownBy(() -> KafkaBackendSettings.fromEnvironment(Map.of("KAFKA_BOOTSTRAP_SERVERS", "b1:9092,")))
                .hasMessageEndingWith("('' is not host:port)");
        assertThatThrownBy(() -> KafkaBackendSettings.fromEnvironment(Map.of("KAFKA_BOOTSTRAP_SERVERS", " ")))
                .hasMessageEndingWith("got nothing");
    }

    @Test
    void clientPropertiesAreReadFromTheNamedFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("client.properties"), "security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\n");

        KafkaBackendSettings settings = KafkaBackendSettings.fromEnvironment(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "broker1:9092", "KAFKA_CLIENT_PROPERTIES", file.toString()));

        assertThat(settings.clientPropertiesFile()).isEqualTo(Optional.of(file));
        assertThat(settings.clientProperties()).containsOnly(
                Map.entry("security.protocol", "SASL_SSL"), Map.entry("sasl.mechanism", "PLAIN"));
    }

    @Test
    void clientPropertiesMustNameAReadablePropertiesFile(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.properties");
        assertThatThrownBy(() -> external(missing.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("KAFKA_CLIENT_PROPERTIES: expected a readable Java properties file, got '" + missing
                        + "' (no such file)");
        assertThatThrownBy(() -> external(dir.toString()))
                .hasMessage("KAFKA_CLIENT_PROPERTIES: expected a readable Java properties file, got '" + dir + "'");

        Path malformed = Files.writeString(dir.resolve("bad.properties"), "ssl.truststore.password=\\u12zz\n");
        assertThatThrownBy(() -> external(malformed.toString()))
                .hasMessageStartingWith("KAFKA_CLIENT_PROPERTIES: expected a Java properties file, got '" + malformed + "'");
    }

    /** A setting the chosen backend would ignore is a mistake: refused, naming the setting and the backend. */
    @Test
    void aSettingTheChosenBackendWouldIgnoreIsRefused(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("client.properties"), "security.protocol=SSL\n");

        assertThatThrownBy(() -> KafkaBackendSettings.fromEnvironment(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "broker1:9092", "KAFKA_BROKERS", "3")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("KAFKA_BROKERS sets how many embedded brokers to start, which the external "
                        + "backend would ignore");
        assertThatThrownBy(() -> KafkaBackendSettings.fromEnvironment(Map.of("KAFKA_CLIENT_PROPERTIES", file.toString())))
                .hasMessageStartingWith("KAFKA_CLIENT_PROPERTIES holds the client settings of an existing cluster, "
                        + "which the embedded backend would ignore");
        assertThatThrownBy(() -> KafkaBackendSettings.fromEnvironment(Map.of(
                "KAFKA_BACKEND", "embedded", "KAFKA_BOOTSTRAP_SERVERS", "broker1:9092")))
                .hasMessageStartingWith("KAFKA_BOOTSTRAP_SERVERS names an existing cluster, which the embedded "
                        + "backend would ignore");
    }

    private static KafkaBackendSettings external(String clientProperties) {
        return KafkaBackendSettings.fromEnvironment(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "broker1:9092", "KAFKA_CLIENT_PROPERTIES", clientProperties));
    }
}
