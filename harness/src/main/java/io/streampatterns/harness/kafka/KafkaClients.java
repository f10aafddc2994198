package io.streampatterns.harness.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The harness's clients of one Kafka cluster, whoever started it: one shared AdminClient (topic
 * creation, end offsets, topic and quorum metadata) and new producers and consumers, every one
 * configured with the cluster's bootstrap servers and client properties. {@link KafkaCluster} and
 * {@link ExternalKafka} both answer {@link KafkaEndpoint} through it, so a check sees the same
 * defaults, waits and error messages whichever Kafka it runs against. Every admin call waits at most
 * the call timeout and fails with a {@link KafkaClusterException} saying what it tried.
 */
final class KafkaClients implements AutoCloseable {

    /** How long {@link #createTopic} waits for every partition to have a leader and a full ISR. */
    static final Duration TOPIC_READY_TIMEOUT = Duration.ofSeconds(60);

    private final String bootstrapServers;
    private final Map<String, String> clientProperties;
    private final Duration callTimeout;
    private final Admin admin;

    /**
     * @param bootstrapServers {@code host:port,...}
     * @param clientProperties settings every client gets (security); the address and defaults win over them,
     *     a caller's overrides win over everything
     * @param adminClientId the shared AdminClient's {@code client.id}, or null for Kafka's default
     * @param callTimeout how long one admin call may take
     */
    KafkaClients(String bootstrapServers, Map<String, String> clientProperties, String adminClientId,
            Duration callTimeout) {
        this.bootstrapServers = bootstrapServers;
        this.clientProperties = Map.copyOf(clientProperties);
        this.callTimeout = callTimeout;
        Map<String, Object> config = new HashMap<>(this.clientProperties);
        config.putAll(adminConfig(bootstrapServers, adminClientId));
        this.admin = Admin.create(config);
    }

    /** An AdminClient configuration with nothing but the address and, if given, a client id. */
    static Map<String, Object> adminConfig(String bootstrapServers, String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        if (clientId != null) {
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        }
        return config;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    Map<String, String> clientProperties() {
        return clientProperties;
    }

    Admin admin() {
        return admin;
    }

    /** An admin request whose future {@link #call} waits for. */
    @FunctionalInterface
    interface AdminCall<T> {
        KafkaFuture<T> on(Admin admin);
    }

    /**
     * Runs one admin request and waits for its answer.
     *
     * @param what what the request does, for the error message ("create topic orders")
     * @throws KafkaClusterException if it fails, or does not answer within the call timeout
     */
    <T> T call(String what, AdminCall<T> request) {
        try {
            return request.on(admin).get(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new KafkaClusterException("cannot " + what + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaClusterException("cannot " + what + ": no answer in " + callTimeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaClusterException("interrupted while trying to " + what, e);
        }
    }

    /**
     * Creates a topic and waits until every partition has a leader and all its replicas in sync, so
     * producers and consumers can use it at once.
     *
     * @throws KafkaClusterException if creation fails or the topic is not ready in {@link #TOPIC_READY_TIMEOUT}
     */
    void createTopic(NewTopic topic) {
        String name = topic.name();
        call("create topic " + name, a -> a.createTopics(List.of(topic)).all());
        Instant deadline = Instant.now().plus(TOPIC_READY_TIMEOUT);
        String state = "unknown";
        while (Instant.now().isBefore(deadline)) {
            try {
                TopicDescription d = admin.describeTopics(List.of(name)).allTopicNames()
                        .get(10, TimeUnit.SECONDS).get(name);
                boolean ready = d.partitions().size() == topic.numPartitions() && d.partitions().stream().allMatch(p ->
                        p.leader() != null && !p.leader().isEmpty() && p.isr().size() == p.replicas().size());
                if (ready && leadersServe(name, d)) {
                    return;
                }
                state = ready ? "leaders known but not yet serving: " + d.partitions() : d.partitions().toString();
            } catch (ExecutionException | TimeoutException e) {
                state = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaClusterException("interrupted while waiting for topic " + name, e);
            }
            StartDeadline.backOff(100);
        }
        throw new KafkaClusterException("topic " + name + " has no leader or full ISR for every partition after "
                + TOPIC_READY_TIMEOUT.toSeconds() + " s: " + state);
    }

    /**
     * Whether every partition's leader answers for it. The metadata can name a leader before that
     * broker has opened the partition's log; a producer writing then gets NOT_LEADER_OR_FOLLOWER for
     * its first request while a later one lands, and its first batch is refused forever as out of
     * order (KAFKA-15591, seen here as "seq 1 was not acknowledged" on a topic just created).
     * ListOffsets goes to the leader's replica manager, so its answer means the log is open.
     */
    private boolean leadersServe(String topic, TopicDescription description) throws InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
        description.partitions().forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        try {
            admin.listOffsets(request).all().get(10, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            return false;
        }
    }

    /**
     * Grows {@code topic} to {@code total} partitions and waits until each has a leader, as
     * {@code kafka-topics --alter --partitions} does.
     */
    void addPartitions(String topic, int total) {
        call("grow topic " + topic + " to " + total + " partitions",
                a -> a.createPartitions(Map.of(topic, NewPartitions.increaseTo(total))).all());
        Instant deadline = Instant.now().plus(TOPIC_READY_TIMEOUT);
        while (describe(topic).partitions().size() < total
                || describe(topic).partitions().stream().anyMatch(p -> p.leader() == null || p.leader().isEmpty())) {
            if (Instant.now().isAfter(deadline)) {
                throw new KafkaClusterException("topic " + topic + " has not " + total + " partitions with leaders after "
                        + TOPIC_READY_TIMEOUT.toSeconds() + " s: " + describe(topic).partitions());
            }
            StartDeadline.backOff(100);
        }
    }

    /**
     * Deletes every record before the given offset of each partition, as retention does when a
     * segment expires: the partition's log start offset moves up to it.
     */
    void deleteRecordsBefore(Map<TopicPartition, Long> offsets) {
        Map<TopicPartition, RecordsToDelete> request = new LinkedHashMap<>();
        offsets.forEach((partition, offset) -> request.put(partition, RecordsToDelete.beforeOffset(offset)));
        call("delete records before " + offsets, a -> a.deleteRecords(request).all());
    }

    /** The earliest offset still held by each partition of {@code topic} (its log start offset). */
    Map<TopicPartition, Long> startOffsets(String topic) {
        Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
        for (TopicPartitionInfo p : describe(topic).partitions()) {
            request.put(new TopicPartition(topic, p.partition()), OffsetSpec.earliest());
        }
        var result = call("list start offsets of " + topic, a -> a.listOffsets(request).all());
        Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
        request.keySet().forEach(tp -> offsets.put(tp, result.get(tp).offset()));
        return offsets;
    }

    TopicDescription describe(String topic) {
        return call("describe topic " + topic, a -> a.describeTopics(List.of(topic)).allTopicNames()).get(topic);
    }

    /** The end offset (high watermark) of every partition, in partition order. */
    Map<TopicPartition, Long> endOffsets(String topic) {
        return endOffsets(topic, IsolationLevel.READ_UNCOMMITTED);
    }

    /**
     * The last stable offset of every partition, in partition order: where a {@code read_committed}
     * reader ends, before the first record of a transaction still open.
     */
    Map<TopicPartition, Long> lastStableOffsets(String topic) {
        return endOffsets(topic, IsolationLevel.READ_COMMITTED);
    }

    private Map<TopicPartition, Long> endOffsets(String topic, IsolationLevel isolation) {
        Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
        for (TopicPartitionInfo p : describe(topic).partitions()) {
            request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
        }
        var result = call("list end offsets of " + topic,
                a -> a.listOffsets(request, new ListOffsetsOptions(isolation)).all());
        Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
        request.keySet().forEach(tp -> offsets.put(tp, result.get(tp).offset()));
        return offsets;
    }

    /** The node ids in sync, per partition, in partition order. */
    Map<TopicPartition, Set<Integer>> inSyncReplicas(String topic) {
        Map<TopicPartition, Set<Integer>> isr = new LinkedHashMap<>();
        for (TopicPartitionInfo p : describe(topic).partitions()) {
            isr.put(new TopicPartition(topic, p.partition()),
                    p.isr().stream().map(Node::id).collect(Collectors.toCollection(TreeSet::new)));
        }
        return isr;
    }

    /** The partition's leader as the metadata says; empty while it has none. */
    OptionalInt leaderOf(TopicPartition partition) {
        return describe(partition.topic()).partitions().stream()
                .filter(p -> p.partition() == partition.partition())
                .findFirst()
                .map(p -> p.leader() == null || p.leader().isEmpty() ? OptionalInt.empty() : OptionalInt.of(p.leader().id()))
                .orElseThrow(() -> new IllegalArgumentException("no such partition: " + partition));
    }

    /** The node id of the KRaft quorum's leader. */
    int activeControllerId() {
        return call("describe the metadata quorum", a -> a.describeMetadataQuorum().quorumInfo()).leaderId();
    }

    /** A producer with {@code acks=all} and idempotence unless {@code overrides} say otherwise. */
    <K, V> KafkaProducer<K, V> newProducer(Serializer<K> keySerializer, Serializer<V> valueSerializer,
            Map<String, ?> overrides) {
        return new KafkaProducer<>(producerConfig(overrides), keySerializer, valueSerializer);
    }

    /** A consumer from the earliest offset that never commits by itself; {@code groupId} may be null. */
    <K, V> KafkaConsumer<K, V> newConsumer(Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer,
            String groupId, Map<String, ?> overrides) {
        return new KafkaConsumer<>(consumerConfig(groupId, overrides), keyDeserializer, valueDeserializer);
    }

    /** Client properties, then the address and the defaults, then {@code overrides}. */
    Map<String, Object> producerConfig(Map<String, ?> overrides) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putAll(overrides);
        return config;
    }

    /** Client properties, then the address, the defaults and the group, then {@code overrides}. */
    Map<String, Object> consumerConfig(String groupId, Map<String, ?> overrides) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        if (groupId != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        config.putAll(overrides);
        return config;
    }

    /** Closes the shared AdminClient; producers and consumers belong to whoever asked for them. */
    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
