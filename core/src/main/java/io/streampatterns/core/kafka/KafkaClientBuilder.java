package io.streampatterns.core.kafka;

/**
 * What every builder of a Kafka source or sink takes to reach the brokers: bootstrap servers,
 * security, and pass-through client properties. Self-typed, so each builder's own options chain after these.
 *
 * @param <B> the builder itself
 */
public abstract class KafkaClientBuilder<B extends KafkaClientBuilder<B>> {
    final KafkaConnection connection = new KafkaConnection();

    KafkaClientBuilder() {
    }

    public B bootstrapServers(String servers) {
        connection.bootstrapServers(servers);
        return self();
    }

    /** A Kafka client property, with or without the {@code kafka.} prefix. */
    public B kafkaOption(String name, String value) {
        connection.clientProperty(name, value);
        return self();
    }

    public B security(KafkaSecurity security) {
        connection.security(security);
        return self();
    }

    /** This builder as its own type; safe because {@code B} is, by declaration, the subclass. */
    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
