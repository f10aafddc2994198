package io.streampatterns.core.dlq;

import io.streampatterns.core.DlqPolicy;
import io.streampatterns.core.kafka.KafkaSink;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Sends dead letters to a Kafka topic, with the durability settings of a {@link KafkaSink}. */
public final class KafkaTopicDlq implements DlqPolicy {
    private final KafkaSink topic;

    public KafkaTopicDlq(KafkaSink topic) {
        this.topic = Objects.requireNonNull(topic, "topic");
    }

    @Override
    public List<String> validate() {
        return topic.validate().stream().map(problem -> "dlq " + problem).toList();
    }

    @Override
    public void send(Dataset<Row> deadLetters) {
        topic.writeBatch(deadLetters);
    }

    public String topicName() {
        return topic.topic();
    }

    @Override
    public String toString() {
        return "KafkaTopicDlq(" + topic.topic() + ")";
    }
}
