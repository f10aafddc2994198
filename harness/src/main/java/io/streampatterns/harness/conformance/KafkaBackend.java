package io.streampatterns.harness.conformance;

import io.streampatterns.harness.kafka.ExternalKafka;
import io.streampatterns.harness.kafka.KafkaCluster;
import io.streampatterns.harness.kafka.KafkaEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a conformance run's Kafka comes from, chosen by environment variables:
 * <ul>
 *   <li>nothing set: real KRaft brokers that the harness starts as child processes (the default);</li>
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
        String servers = env.get("KAFKA_BOOTSTRAP_SERVERS");
        String backend = env.getOrDefault("KAFKA_BACKEND", servers != null ? "external" : "embedded");
        return switch (backend) {
            case "embedded" -> embedded((int) brokers(env));
            case "external" -> external(servers, env.get("KAFKA_CLIENT_PROPERTIES"));
            case "testcontainers" -> testcontainers(env);
            default -> throw new IllegalArgumentException("KAFKA_BACKEND: expected embedded, external or testcontainers, got '"
                    + backend + "'");
        };
    }

    /** {@code KAFKA_BROKERS}: how many embedded nodes, 1 (the default) or 3. */
    static long brokers(Map<String, String> env) {
        long brokers = new io.streampatterns.harness.settings.EnvironmentSettings(env).wholeNumber("KAFKA_BROKERS", 1, 3, 1);
        if (brokers == 2) {
            throw new IllegalArgumentException("KAFKA_BROKERS: expected 1 or 3 (a KRaft quorum of 2 cannot lose a node), got '2'");
        }
        return brokers;
    }

    private static KafkaBackend embedded(int brokers) {
        KafkaCluster cluster = KafkaCluster.start(brokers);
        return new KafkaBackend(cluster, cluster, "embedded: " + brokers + " KRaft broker" + (brokers == 1 ? "" : "s")
                + " at " + cluster.bootstrapServers());
    }

    private static KafkaBackend external(String servers, String propertiesFile) {
        if (servers == null || servers.isBlank()) {
            throw new IllegalArgumentException("KAFKA_BOOTSTRAP_SERVERS: expected host:port[,host:port...] for KAFKA_BACKEND=external, got nothing");
        }
        Map<String, String> properties = propertiesFile == null ? Map.of() : ExternalKafka.propertiesFrom(Path.of(propertiesFile));
        ExternalKafka kafka = new ExternalKafka(servers, properties);
        return new KafkaBackend(kafka, kafka, "external: " + servers
                + (properties.isEmpty() ? "" : " with client properties from " + propertiesFile));
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
