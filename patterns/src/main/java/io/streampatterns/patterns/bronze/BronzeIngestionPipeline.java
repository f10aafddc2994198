package io.streampatterns.patterns.bronze;

import io.streampatterns.core.Capability;
import io.streampatterns.core.Pipeline;
import io.streampatterns.core.TriggerPolicy;
import io.streampatterns.core.delta.DeltaSink;
import io.streampatterns.core.transform.JsonValueParser;
import io.streampatterns.core.transform.KafkaMetadataColumns;
import io.streampatterns.patterns.BuiltPattern;
import io.streampatterns.patterns.JsonPatternBuilder;
import io.streampatterns.patterns.PatternBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Kafka → Delta bronze ingestion: every JSON event of a topic, parsed, with where it came from,
 * appended exactly once to a Delta table.
 *
 * <p>Output columns: {@code key}, the event schema's fields, {@value JsonValueParser#MALFORMED_COLUMN}
 * (the raw text of a record that is not valid JSON, else null), {@code topic}, {@code partition},
 * {@code offset}, {@code kafka_timestamp} and {@code ingestion_timestamp}; with
 * {@link Builder#unknownFieldsColumn}, also the members outside the schema, as a JSON object.
 *
 * <p>Why each default:
 * <ul>
 *   <li><b>startingOffsets = earliest.</b> Spark's default, latest, silently skips everything already
 *       in the topic on a first run. Once the checkpoint holds offsets it wins either way (and the
 *       source logs a warning saying so), so earliest costs nothing on restarts.</li>
 *   <li><b>maxOffsetsPerTrigger = 50,000.</b> A first run over a large backlog would otherwise read
 *       it in one batch and run out of memory; a cap drains it in bounded batches. Tune between
 *       10,000 and 100,000 by record size.</li>
 *   <li><b>minPartitions</b>, when set, splits the read into at least that many Spark tasks: set it to
 *       the topic's partition count or a multiple, not fewer.</li>
 *   <li><b>Kafka metadata kept.</b> Topic, partition and offset are the lineage back to the source and
 *       identify each record, so duplicates and gaps can be found with a query; kafka_timestamp and
 *       ingestion_timestamp apart measure how late data arrives.</li>
 *   <li><b>Malformed records kept.</b> Bronze is the raw layer: a record that is not JSON is stored with
 *       null fields and its text, not dropped, so nothing is lost before a later layer decides.</li>
 *   <li><b>Trigger 30 s.</b> For an SLA of 90 s or more (the SLA/3 rule); set {@code sla(...)} to
 *       derive it, or {@code trigger(...)} to choose.</li>
 *   <li><b>Exactly once, at a small fixed cost.</b> Each batch is committed with the checkpoint's app id
 *       and the batch id, and a batch the table already holds is skipped after a crash
 *       ({@link DeltaSink#idempotentBatches()}). Which batch the table holds is read from the Delta
 *       checksum, not from the table's state rebuilt every batch as Delta's streaming sink does: at a
 *       cap of 10,000 that rebuild was about 30% of each batch (docs/benchmarks.md).</li>
 *   <li><b>delta.checkpointInterval = {@value #CHECKPOINT_INTERVAL}</b>, set when the pipeline creates the
 *       table. Delta's default, 10, writes a checkpoint (the whole table state as Parquet) every tenth
 *       commit, which made every tenth small batch several times slower; bronze commits often and
 *       is read by streams that follow the log, not by a reader replaying it from the start. An
 *       existing table keeps its own (ALTER TABLE ... SET TBLPROPERTIES to change it).</li>
 * </ul>
 */
public final class BronzeIngestionPipeline extends BuiltPattern {
    public static final long DEFAULT_MAX_OFFSETS_PER_TRIGGER = PatternBuilder.DEFAULT_MAX_OFFSETS_PER_TRIGGER;
    public static final Duration DEFAULT_TRIGGER = Duration.ofSeconds(30);
    /** The Delta checkpoint interval of a table the pipeline creates (Delta's own default: 10). */
    public static final int CHECKPOINT_INTERVAL = 100;

    private BronzeIngestionPipeline(Pipeline pipeline, Capability... more) {
        super(pipeline, Stream.concat(Stream.of(Capability.TRACEABLE_RECORDS, Capability.CHECKPOINT_RESTART,
                Capability.PER_PARTITION_ORDER), Stream.of(more)).toArray(Capability[]::new));
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * How bronze writes a table at {@code path}: idempotent batches, the table created with
     * {@value #CHECKPOINT_INTERVAL} commits between Delta checkpoints. For a pipeline of one's own that
     * lands Kafka records the way this pattern does.
     */
    public static DeltaSink tableSink(String path) {
        return DeltaSink.toPath(path).idempotentBatches()
                .option("delta.checkpointInterval", String.valueOf(CHECKPOINT_INTERVAL));
    }

    /**
     * Options of a bronze pipeline, beyond the shared ones of {@link JsonPatternBuilder};
     * {@link #build()} checks them all.
     */
    public static final class Builder extends JsonPatternBuilder<Builder> {
        private DeltaSink table;
        private Optional<String> unknownFieldsColumn = Optional.empty();

        private Builder() {
            super(TriggerPolicy.processingTime(DEFAULT_TRIGGER));
        }

        /** The bronze table, at a path: written with idempotent batches, created with this pattern's checkpoint interval. */
        public Builder tablePath(String path) {
            this.table = tableSink(path);
            return this;
        }

        /**
         * The bronze table, as a Delta sink chosen by the caller (a catalog table, Delta's streaming
         * sink, table properties of its own), written as given.
         */
        public Builder table(DeltaSink sink) {
            this.table = sink;
            return this;
        }

        /**
         * Keeps each record's members outside the event schema in string column {@code column}, as a
         * JSON object (null when a record has none): a field producers add mid-stream is in the
         * table from its first record, to be promoted to a column of its own when the schema
         * catches up. Off by default: {@code from_json} drops such members.
         */
        public Builder unknownFieldsColumn(String column) {
            this.unknownFieldsColumn = Optional.of(column);
            return this;
        }

        @Override
        public BronzeIngestionPipeline build() {
            List<String> schemaProblems = new ArrayList<>(parsedSchemaProblems());
            unknownFieldsColumn.ifPresent(column -> {
                schemaProblems.addAll(JsonValueParser.unknownFieldsProblems("unknownFieldsColumn", column, eventSchema()));
                if (KafkaMetadataColumns.COLUMNS.contains(column)) {
                    schemaProblems.add("unknownFieldsColumn: '" + column + "' is a Kafka metadata column of bronze "
                            + KafkaMetadataColumns.COLUMNS + "; expected a name of its own");
                }
            });
            Pipeline.Builder pipeline = pipeline("bronze_")
                    .source(kafkaSource().build())
                    .transform(new KafkaMetadataColumns())
                    .sink(table);
            requireMicroBatches(pipeline, "Real-Time Mode cannot write to Delta");
            schemaProblems.forEach(problem -> pipeline.require(false, problem));
            if (schemaProblems.isEmpty()) {
                JsonValueParser parser = new JsonValueParser(eventSchema());
                pipeline.transform(unknownFieldsColumn.map(parser::keepingUnknownFieldsIn).orElse(parser));
            }
            return new BronzeIngestionPipeline(pipeline.build(), unknownFieldsColumn.isPresent()
                    ? new Capability[] {Capability.KEEPS_UNKNOWN_FIELDS} : new Capability[0]);
        }
    }
}
