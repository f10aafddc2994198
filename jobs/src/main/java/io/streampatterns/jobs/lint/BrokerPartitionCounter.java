package io.streampatterns.jobs.lint;

import io.streampatterns.jobs.config.PipelineConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * Asks the configuration's brokers how many partitions its input topic has, with the configuration's
 * own client properties (security included), giving up after {@link #TIMEOUT}. A property whose
 * value is a secret reference is left out: lint resolves no secrets, so such a cluster may refuse
 * the question, and the lint says it could not count.
 */
public final class BrokerPartitionCounter implements PartitionCounter {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Override
    public int count(PipelineConfig config) {
        String servers = config.get("bootstrapServers").orElseThrow(() -> new IllegalStateException("no bootstrapServers"));
        String topic = config.get("topic").orElseThrow(() -> new IllegalStateException("no topic"));
        Map<String, Object> properties = new HashMap<>();
        config.kafkaOptions().forEach((key, value) -> {
            if (!SecretReference.is(value)) {
                properties.put(key, value);
            }
        });
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        try (Admin admin = Admin.create(properties)) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
            return description.partitions().size();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not describe topic " + topic + " at " + servers + ": " + e.getCause(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer from " + servers + " within " + TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking " + servers, e);
        }
    }
}
