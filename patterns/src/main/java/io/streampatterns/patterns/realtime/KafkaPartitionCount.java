package io.streampatterns.patterns.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streampatterns.core.kafka.KafkaSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * How many Spark tasks a Kafka source reads with: its topics' partitions (or {@code minPartitions},
 * when that is more), counted on the broker with an AdminClient built from the source's own options,
 * so that it reaches the cluster, with the security, that the query will.
 */
final class KafkaPartitionCount {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_MS = 30_000;

    /** The partitions a source reads, and a description of them for a message. */
    record Partitions(int count, String describe) {
    }

    /** Either the partitions or why they could not be counted. */
    record Result(Partitions partitions, String problem) {
        void fold(Consumer<Partitions> counted, Consumer<String> failed) {
            if (partitions != null) {
                counted.accept(partitions);
            } else {
                failed.accept(problem);
            }
        }
    }

    private KafkaPartitionCount() {
    }

    static Result count(KafkaSource source) {
        Map<String, String> options = source.sparkOptions();
        int minPartitions = options.containsKey("minPartitions") ? Integer.parseInt(options.get("minPartitions")) : 0;
        try {
            Partitions partitions;
            if (options.containsKey("assign")) {
                partitions = assigned(options.get("assign"));
            } else {
                try (Admin admin = Admin.create(adminConfig(options))) {
                    partitions = options.containsKey("subscribe")
                            ? subscribed(admin, Arrays.stream(options.get("subscribe").split(",")).map(String::trim).toList())
                            : matching(admin, options.get("subscribePattern"));
                }
            }
            if (minPartitions > partitions.count()) {
                partitions = new Partitions(minPartitions, partitions.describe() + ", split into minPartitions="
                        + minPartitions + " tasks");
            }
            return new Result(partitions, null);
        } catch (UnknownTopicOrPartitionException e) {
            return new Result(null, "source partitions: a topic of " + topics(options) + " does not exist on "
                    + source.bootstrapServers() + "; expected existing topics, whose partitions Real-Time Mode needs"
                    + " a task slot each for");
        } catch (Exception e) {
            return new Result(null, "source partitions: could not count the partitions of " + topics(options)
                    + " on " + source.bootstrapServers() + " (" + e + "); Real-Time Mode needs a task slot per"
                    + " partition, so the query is not started without knowing how many there are");
        }
    }

    private static Partitions subscribed(Admin admin, List<String> topics) throws Exception {
        Map<String, TopicDescription> described = await(admin.describeTopics(topics).allTopicNames());
        int count = described.values().stream().mapToInt(d -> d.partitions().size()).sum();
        return new Partitions(count, describe(described));
    }

    private static Partitions matching(Admin admin, String regex) throws Exception {
        Pattern pattern = Pattern.compile(regex);
        List<String> topics = await(admin.listTopics().names()).stream().filter(t -> pattern.matcher(t).matches())
                .sorted().toList();
        if (topics.isEmpty()) {
            return new Partitions(0, "no topic matches " + regex);
        }
        return subscribed(admin, topics);
    }

    private static Partitions assigned(String json) throws Exception {
        JsonNode node = JSON.readTree(json);
        int count = 0;
        List<String> parts = new ArrayList<>();
        for (var topics = node.fields(); topics.hasNext(); ) {
            var topic = topics.next();
            count += topic.getValue().size();
            parts.add(topic.getKey() + ": " + topic.getValue().size());
        }
        return new Partitions(count, "assigned " + String.join(", ", parts));
    }

    private static String describe(Map<String, TopicDescription> described) {
        List<String> parts = new ArrayList<>();
        described.values().stream().sorted((a, b) -> a.name().compareTo(b.name()))
                .forEach(d -> parts.add("topic " + d.name() + ": " + d.partitions().size()));
        return String.join(", ", parts);
    }

    private static String topics(Map<String, String> options) {
        if (options.containsKey("subscribe")) {
            return "topics [" + options.get("subscribe") + "]";
        }
        return "topics matching " + options.get("subscribePattern");
    }

    /** The source's {@code kafka.*} options without the prefix: bootstrap servers, security, client properties. */
    static Map<String, Object> adminConfig(Map<String, String> sparkOptions) {
        Map<String, Object> config = new HashMap<>();
        sparkOptions.forEach((key, value) -> {
            if (key.startsWith("kafka.")) {
                config.put(key.substring("kafka.".length()), value);
            }
        });
        config.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS / 2);
        config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS);
        return config;
    }

    private static <T> T await(org.apache.kafka.common.KafkaFuture<T> future) throws Exception {
        try {
            return future.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } catch (TimeoutException e) {
            throw new TimeoutException("no answer within " + TIMEOUT_MS / 1000 + " s");
        }
    }
}
