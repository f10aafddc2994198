package io.streampatterns.core.kafka;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a source and a sink both need to reach Kafka: bootstrap servers, security, and pass-through
 * client properties. Turns them into Spark's {@code kafka.*} options and checks them once for both.
 */
final class KafkaConnection {
    /** Client properties that Spark's Kafka connector sets itself and refuses from users. */
    private static final Set<String> MANAGED_BY_SPARK = Set.of(
            "auto.offset.reset", "key.deserializer", "value.deserializer",
            "key.serializer", "value.serializer", "enable.auto.commit", "interceptor.classes");

    private String bootstrapServers;
    private KafkaSecurity security = KafkaSecurity.none();
    private final Map<String, String> clientProperties = new LinkedHashMap<>();

    void bootstrapServers(String servers) {
        this.bootstrapServers = servers;
    }

    void security(KafkaSecurity security) {
        this.security = Objects.requireNonNull(security, "security");
    }

    /** Adds a Kafka client property; {@code name} may be given with or without the {@code kafka.} prefix. */
    void clientProperty(String name, String value) {
        clientProperties.put(name.startsWith("kafka.") ? name.substring("kafka.".length()) : name, value);
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    List<String> validate() {
        List<String> problems = new ArrayList<>();
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            problems.add("kafka.bootstrap.servers: expected host:port[,host:port...], got nothing");
        } else {
            for (String server : bootstrapServers.split(",")) {
                if (!server.trim().matches("[^:\\s]+:\\d{1,5}")) {
                    problems.add("kafka.bootstrap.servers: expected host:port, got '" + server.trim() + "'");
                }
            }
        }
        for (String name : clientProperties.keySet()) {
            if (MANAGED_BY_SPARK.contains(name)) {
                problems.add("kafka." + name + ": Spark's Kafka connector manages this property itself;"
                        + " remove it (offsets live in the checkpoint, not in a consumer group)");
            }
        }
        return problems;
    }

    /** The same settings as a plain Kafka client's configuration (no {@code kafka.} prefix). */
    Map<String, String> clientConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        sparkOptions().forEach((k, v) -> config.put(k.substring("kafka.".length()), v));
        return config;
    }

    /** Spark options: {@code kafka.bootstrap.servers}, security, then pass-through properties. */
    Map<String, String> sparkOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("kafka.bootstrap.servers", bootstrapServers);
        security.clientProperties().forEach((k, v) -> options.put("kafka." + k, v));
        clientProperties.forEach((k, v) -> options.put("kafka." + k, v));
        return options;
    }
}
