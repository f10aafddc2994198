package io.streampatterns.chaos.measure;

import io.streampatterns.harness.kafka.KafkaEndpoint;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * End offsets of topics for a sampler that must not hang while a broker is down: its own admin
 * client with timeouts of a second or two, where the cluster's shared one waits half a minute. A call
 * that does not answer in time returns -1 and the sampler carries on.
 */
public final class TopicOffsets implements AutoCloseable {
    private static final long CALL_TIMEOUT_MS = 1_500;

    private final Admin admin;
    private final Map<String, List<TopicPartition>> partitions = new ConcurrentHashMap<>();

    public TopicOffsets(KafkaEndpoint kafka) {
        Map<String, Object> config = new HashMap<>(kafka.clientProperties());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "chaos-sampler");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT_MS);
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        this.admin = Admin.create(config);
    }

    /** The sum of {@code topic}'s end offsets (records written to it), or -1 if the brokers did not answer in time. */
    public long sum(String topic) {
        try {
            List<TopicPartition> tps = partitions.get(topic);
            if (tps == null) {
                tps = admin.describeTopics(List.of(topic)).allTopicNames().get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                        .get(topic).partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
                partitions.put(topic, tps);
            }
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            tps.forEach(tp -> request.put(tp, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(request).all()
                    .get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            return ends.values().stream().mapToLong(ListOffsetsResultInfo::offset).sum();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (Exception e) {
            return -1;
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
