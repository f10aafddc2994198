package io.streampatterns.harness.conformance;

import io.streampatterns.harness.kafka.ExternalKafka;
import io.streampatterns.harness.kafka.KafkaCluster;
import io.streampatterns.harness.kafka.KafkaEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The Kafka a conformance run or a benchmark uses, started (or reached) as the
 * environment asks (see {@link KafkaBackendSettings} for the variables and their checks):
 * <ul>
 *   <li>nothing set: real KRaft brokers that the harness starts as child processes, {@code KAFKA_BROKERS}
 *       of them (1 or 3; default 1);</li>
 *   <li>{@code KAFKA_BOOTSTRAP_SERVERS=host:port,...}: an existing cluster, a team's own, with client
 *       properties (security) from the file named by {@code KAFKA_CLIENT_PROPERTIES}, if set;</li>
 *   <li>{@code KAFKA_BACKEND=testcontainers}: a broker in a container, where a Docker engine runs.</li>
 * </ul>
 */
public final class KafkaBackend implements AutoCloseable {
    private final KafkaEndpoint endpoint;
    private final AutoCloseable owned;
    private final String description;

    private KafkaBackend(KafkaEndpoint endpoint, AutoCloseable owned, String description) {
        this.endpoint = endpoint;
        this.owned = owned;
        this.description = description;
    }

    /** @throws IllegalArgumentException naming the variable and what was expected, when the choice cannot be met */
    public static KafkaBackend fromEnvironment(Map<String, String> env) {
        KafkaBackendSettings settings = KafkaBackendSettings.fromEnvironment(env);
        return switch (settings.backend()) {
            case EMBEDDED -> embedded(settings.brokers());
            case EXTERNAL -> external(settings);
            case TESTCONTAINERS -> testcontainers(env);
        };
    }

    private static KafkaBackend embedded(int brokers) {
        KafkaCluster cluster = KafkaCluster.start(brokers);
        return new KafkaBackend(cluster, cluster, "embedded: " + brokers + " KRaft broker" + (brokers == 1 ? "" : "s")
                + " at " + cluster.bootstrapServers());
    }

    private static KafkaBackend external(KafkaBackendSettings settings) {
        ExternalKafka kafka = new ExternalKafka(settings.bootstrapServers(), settings.clientProperties());
        return new KafkaBackend(kafka, kafka, "external: " + settings.bootstrapServers()
                + settings.clientPropertiesFile().map(file -> " with client properties from " + file).orElse(""));
    }

    private static KafkaBackend testcontainers(Map<String, String> env) {
        boolean docker = env.containsKey("DOCKER_HOST") || Files.exists(Path.of("/var/run/docker.sock"));
        if (!docker) {
            throw new IllegalArgumentException("KAFKA_BACKEND=testcontainers needs a Docker engine, and none was found here "
                    + "(DOCKER_HOST is unset and /var/run/docker.sock does not exist). Unset KAFKA_BACKEND to use the "
                    + "embedded brokers, or set KAFKA_BOOTSTRAP_SERVERS to use a running cluster.");
        }
        return TestcontainersKafka.start();
    }

    /** Wraps a broker that another library started. */
    static KafkaBackend of(KafkaEndpoint endpoint, AutoCloseable owned, String description) {
        return new KafkaBackend(endpoint, owned, description);
    }

    public KafkaEndpoint endpoint() {
        return endpoint;
    }

    public String description() {
        return description;
    }

    @Override
    public void close() throws Exception {
        owned.close();
    }
}
