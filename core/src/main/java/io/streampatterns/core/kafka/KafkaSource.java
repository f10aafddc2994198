package io.streampatterns.core.kafka;

import io.streampatterns.core.Checkpoint;
import io.streampatterns.core.Source;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one or more Kafka topics as a stream of raw records: key and value as bytes, topic,
 * partition, offset, timestamp (and headers when asked).
 *
 * <pre>{@code
 * KafkaSource source = KafkaSource.builder()
 *     .bootstrapServers("broker1:9092")
 *     .subscribe("order_events")
 *     .startingOffsets(StartingOffsets.earliest())
 *     .maxOffsetsPerTrigger(50_000)
 *     .build();
 * }</pre>
 */
public final class KafkaSource implements Source {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaSource.class);

    private final KafkaConnection connection;
    private final Map<String, String> topicSelection;
    private final StartingOffsets startingOffsets;
    private final Long maxOffsetsPerTrigger;
    private final Integer minPartitions;
    private final boolean failOnDataLoss;
    private final boolean includeHeaders;

    private KafkaSource(Builder b) {
        this.connection = b.connection;
        this.topicSelection = Map.copyOf(b.topicSelection);
        this.startingOffsets = b.startingOffsets;
        this.maxOffsetsPerTrigger = b.maxOffsetsPerTrigger;
        this.minPartitions = b.minPartitions;
        this.failOnDataLoss = b.failOnDataLoss;
        this.includeHeaders = b.includeHeaders;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public List<String> validate() {
        List<String> problems = new ArrayList<>(connection.validate());
        if (topicSelection.isEmpty()) {
            problems.add("topic: expected one of subscribe, subscribePattern or assign, got none");
        } else if (topicSelection.size() > 1) {
            problems.add("topic: expected exactly one of subscribe, subscribePattern or assign, got "
                    + String.join(" and ", new java.util.TreeSet<>(topicSelection.keySet())));
        }
        topicSelection.forEach((option, value) -> {
            if (value == null || value.isBlank()) {
                problems.add(option + ": expected a topic, pattern or assignment, got nothing");
            }
        });
        startingOffsets.problem().ifPresent(problems::add);
        if (maxOffsetsPerTrigger != null && maxOffsetsPerTrigger <= 0) {
            problems.add("maxOffsetsPerTrigger: expected a positive number of records per batch, got "
                    + maxOffsetsPerTrigger);
        }
        if (minPartitions != null && minPartitions <= 0) {
            problems.add("minPartitions: expected a positive number of Spark partitions, got " + minPartitions);
        }
        return problems;
    }

    @Override
    public Dataset<Row> read(SparkSession spark, Checkpoint checkpoint) {
        warnIfCheckpointWins(checkpoint);
        return spark.readStream().format("kafka").options(sparkOptions()).load();
    }

    /** Spark's options for this source: useful to read the same topics in a batch query. */
    public Map<String, String> sparkOptions() {
        Map<String, String> options = new LinkedHashMap<>(connection.sparkOptions());
        options.putAll(topicSelection);
        options.put("startingOffsets", startingOffsets.value());
        options.put("failOnDataLoss", String.valueOf(failOnDataLoss));
        options.put("includeHeaders", String.valueOf(includeHeaders));
        if (maxOffsetsPerTrigger != null) {
            options.put("maxOffsetsPerTrigger", String.valueOf(maxOffsetsPerTrigger));
        }
        if (minPartitions != null) {
            options.put("minPartitions", String.valueOf(minPartitions));
        }
        return options;
    }

    /** Users routinely expect startingOffsets to apply on every start; it applies only to a new checkpoint. */
    private void warnIfCheckpointWins(Checkpoint checkpoint) {
        checkpoint.latestPlannedBatch().ifPresent(batch -> LOG.warn(
                "startingOffsets={} is ignored: checkpoint {} already holds offsets up to batch {}, and the"
                        + " query resumes from them. Use a new checkpoint location to start from startingOffsets.",
                startingOffsets, checkpoint.location(), batch));
    }

    @Override
    public boolean capsBatchSize() {
        return maxOffsetsPerTrigger != null;
    }

    public Optional<Long> maxOffsetsPerTrigger() {
        return Optional.ofNullable(maxOffsetsPerTrigger);
    }

    public String bootstrapServers() {
        return connection.bootstrapServers();
    }

    @Override
    public String toString() {
        return "KafkaSource" + topicSelection + " from " + startingOffsets;
    }

    /** Collects a source's options; {@link #build()} never throws: the pipeline checks everything at once. */
    public static final class Builder extends KafkaClientBuilder<Builder> {
        private final Map<String, String> topicSelection = new LinkedHashMap<>();
        private StartingOffsets startingOffsets = StartingOffsets.earliest();
        private Long maxOffsetsPerTrigger;
        private Integer minPartitions;
        private boolean failOnDataLoss = true;
        private boolean includeHeaders;


        /** Reads these topics. */
        public Builder subscribe(String... topics) {
            topicSelection.put("subscribe", String.join(",", topics));
            return this;
        }

        /** Reads every topic whose name matches {@code regex}, including ones created later. */
        public Builder subscribePattern(String regex) {
            topicSelection.put("subscribePattern", regex);
            return this;
        }

        /** Reads exactly these partitions, as Spark's JSON: {@code {"topicA":[0,1]}}. */
        public Builder assign(String json) {
            topicSelection.put("assign", json);
            return this;
        }

        /** Where a new checkpoint starts; defaults to earliest, so a first run misses nothing. */
        public Builder startingOffsets(StartingOffsets offsets) {
            this.startingOffsets = java.util.Objects.requireNonNull(offsets, "startingOffsets");
            return this;
        }

        /** Caps the records one micro-batch reads, so a backlog is drained in bounded batches. */
        public Builder maxOffsetsPerTrigger(long max) {
            this.maxOffsetsPerTrigger = max;
            return this;
        }

        /** Spark partitions to split the read into; match the topic's partition count or more. */
        public Builder minPartitions(int min) {
            this.minPartitions = min;
            return this;
        }

        /**
         * Whether to fail when offsets the query expected are gone (deleted by retention, or a topic
         * recreated). The default, true, makes loss visible instead of silent.
         */
        public Builder failOnDataLoss(boolean fail) {
            this.failOnDataLoss = fail;
            return this;
        }

        /** Adds the records' headers as a {@code headers} column. */
        public Builder includeHeaders(boolean include) {
            this.includeHeaders = include;
            return this;
        }



        public KafkaSource build() {
            return new KafkaSource(this);
        }
    }
}
