package io.streampatterns.core.dlq;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.streampatterns.core.DlqPolicy;
import io.streampatterns.core.dlq.DeadLetterRecord.Fields;
import io.streampatterns.core.kafka.KafkaSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends dead letters to a Kafka topic, with the durability settings of a {@link KafkaSink}.
 *
 * <p>At INFO it logs each batch's dead letters, counted per reason (never their content), e.g.
 * {@code Pipeline 'orders': 3 dead letters to orders_dlq (MALFORMED_JSON 2, MISSING_REQUIRED_FIELD 1)};
 * counting costs one small Spark job per batch, so it runs only while that line is enabled.
 */
public final class KafkaTopicDlq implements DlqPolicy {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaTopicDlq.class);

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
        if (!LOG.isInfoEnabled()) {
            topic.writeBatch(deadLetters);
            return;
        }
        Dataset<Row> written = deadLetters.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            topic.writeBatch(written);
            logCounts(written);
        } finally {
            written.unpersist();
        }
    }

    /** One line for a batch that had dead letters: how many, and how many for each reason. */
    private void logCounts(Dataset<Row> written) {
        Column reason = get_json_object(col("value").cast("string"), "$." + Fields.REASON);
        List<Column> counts = new ArrayList<>(List.of(first(get_json_object(col("value").cast("string"),
                "$." + Fields.PIPELINE)).alias("pipeline")));
        for (DlqReason r : DlqReason.values()) {
            counts.add(sum(when(reason.equalTo(r.name()), 1).otherwise(0)).alias(r.name()));
        }
        Row row = written.agg(count(lit(1)).alias("total"), counts.toArray(Column[]::new)).first();
        long total = row.getLong(0);
        if (total == 0) {
            return;
        }
        List<String> perReason = new ArrayList<>();
        long known = 0;
        for (DlqReason r : DlqReason.values()) {
            long n = row.getAs(r.name()) == null ? 0 : ((Number) row.getAs(r.name())).longValue();
            known += n;
            if (n > 0) {
                perReason.add(r.name() + " " + n);
            }
        }
        if (total > known) {
            perReason.add("other " + (total - known));
        }
        LOG.info("Pipeline '{}': {} dead letters to {} ({})", row.getString(1), total, topic.topic(),
                String.join(", ", perReason));
    }

    public String topicName() {
        return topic.topic();
    }

    @Override
    public String toString() {
        return "KafkaTopicDlq(" + topic.topic() + ")";
    }
}
