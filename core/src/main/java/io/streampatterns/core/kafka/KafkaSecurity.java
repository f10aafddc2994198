package io.streampatterns.core.kafka;

import java.util.Map;

/**
 * How a pipeline authenticates to Kafka: the client properties (without Spark's {@code kafka.}
 * prefix) to add to every consumer and producer, such as {@code security.protocol} and
 * {@code sasl.jaas.config}.
 *
 * <p>Implementations read credentials from a secret provider when asked, never from code, and must
 * not return them from {@link #toString()}.
 */
@FunctionalInterface
public interface KafkaSecurity {

    Map<String, String> clientProperties();

    /** Plaintext, no authentication: for local brokers and tests. */
    static KafkaSecurity none() {
        return Map::of;
    }
}
