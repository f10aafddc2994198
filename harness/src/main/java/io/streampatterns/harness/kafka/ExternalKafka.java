package io.streampatterns.harness.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A Kafka cluster the harness did not start: a team's own, reached with its bootstrap servers and
 * client properties (security settings) read from a file, so credentials stay out of code and logs.
 * Owns nothing but its clients ({@link KafkaClients}, the layer {@link KafkaCluster} uses too), so
 * checks run the same code against it; topics are created with the cluster's default replication.
 */
public final class ExternalKafka implements KafkaEndpoint, AutoCloseable {
    /** How long one admin call may take: a remote cluster gets twice the harness's own brokers' 30 s. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaClients clients;

    public ExternalKafka(String bootstrapServers, Map<String, String> clientProperties) {
        this.clients = new KafkaClients(bootstrapServers, clientProperties, null, CALL_TIMEOUT);
    }

    /** Client properties from a Java properties file, e.g. security.protocol, sasl.jaas.config. */
    public static Map<String, String> propertiesFrom(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read Kafka client properties from " + file, e);
        }
        Map<String, String> map = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        return map;
    }

    @Override
    public String bootstrapServers() {
        return clients.bootstrapServers();
    }

    @Override
    public Map<String, String> clientProperties() {
        return clients.clientProperties();
    }

    @Override
    public void createTopic(String name, int partitions) {
        clients.createTopic(new NewTopic(name, Optional.of(partitions), Optional.empty()));
    }

    @Override
    public KafkaProducer<String, String> newProducer(Map<String, ?> overrides) {
        return newProducer(new StringSerializer(), new StringSerializer(), overrides);
    }

    @Override
    public <K, V> KafkaProducer<K, V> newProducer(Serializer<K> keySerializer, Serializer<V> valueSerializer,
            Map<String, ?> overrides) {
        return clients.newProducer(keySerializer, valueSerializer, overrides);
    }

    @Override
    public <K, V> KafkaConsumer<K, V> newConsumer(Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer,
                                                  String groupId, Map<String, ?> overrides) {
        return clients.newConsumer(keyDeserializer, valueDeserializer, groupId, overrides);
    }

    @Override
    public void addPartitions(String topic, int total) {
        clients.addPartitions(topic, total);
    }

    @Override
    public void deleteRecordsBefore(Map<TopicPartition, Long> offsets) {
        clients.deleteRecordsBefore(offsets);
    }

    @Override
    public Map<TopicPartition, Long> startOffsets(String topic) {
        return clients.startOffsets(topic);
    }

    @Override
    public Map<TopicPartition, Long> endOffsets(String topic) {
        return clients.endOffsets(topic);
    }

    @Override
    public Map<TopicPartition, Long> lastStableOffsets(String topic) {
        return clients.lastStableOffsets(topic);
    }

    @Override
    public void close() {
        clients.close();
    }

    @Override
    public String toString() {
        return "external Kafka at " + bootstrapServers();
    }
}
