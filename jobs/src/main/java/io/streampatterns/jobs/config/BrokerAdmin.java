package io.streampatterns.jobs.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * The questions the command line asks a configuration's brokers, with its own client properties
 * (security included), each answered within {@link #TIMEOUT} or refused with an
 * {@link IllegalStateException} saying why. A property whose value is a secret reference is left
 * out: the command line resolves no secrets, so such a cluster may refuse, and the error says so.
 */
public final class BrokerAdmin implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Admin admin;
    private final String servers;

    private BrokerAdmin(Admin admin, String servers) {
        this.admin = admin;
        this.servers = servers;
    }

    /** An admin client of {@code config}'s brokers. */
    public static BrokerAdmin of(PipelineConfig config) {
        String servers = config.get("bootstrapServers").orElseThrow(() -> new IllegalStateException("no bootstrapServers"));
        Map<String, Object> properties = new HashMap<>();
        config.kafkaOptions().forEach((key, value) -> {
            if (!SecretReference.is(value)) {
                properties.put(key, value);
            }
        });
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        return new BrokerAdmin(Admin.create(properties), servers);
    }

    /** How many partitions {@code topic} has. */
    public int partitions(String topic) {
        return answer("describe topic " + topic, admin.describeTopics(List.of(topic)).allTopicNames())
                .get(topic).partitions().size();
    }

    /** The end offset of every partition of {@code topic}, by {@code topic-partition}. */
    public Map<String, Long> endOffsets(String topic) {
        int partitions = partitions(topic);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return answer("list the end offsets of " + topic, admin.listOffsets(latest).all()).entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().topic() + "-" + e.getKey().partition(), e -> e.getValue().offset()));
    }

    private <T> T answer(String question, org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not " + question + " at " + servers + ": " + e.getCause(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer from " + servers + " within " + TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking " + servers, e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
