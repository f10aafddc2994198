package io.streampatterns.core;

import io.streampatterns.core.monitor.ProgressTracker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A source, a chain of transforms and a sink, run on a trigger with its own checkpoint.
 *
 * <pre>{@code
 * Pipeline pipeline = Pipeline.builder("bronze_orders")
 *     .source(kafkaSource)
 *     .transform(new KafkaMetadataColumns())
 *     .transform(new JsonValueParser(schema))
 *     .sink(DeltaSink.toPath("/tables/bronze_orders"))
 *     .trigger(TriggerPolicy.processingTime(Duration.ofSeconds(30)))
 *     .checkpointLocation("/checkpoints/bronze_orders")
 *     .build();                      // every option is checked here
 * try (RunningPipeline running = pipeline.start(spark)) { ... }
 * }</pre>
 *
 * <p>{@link Builder#build()} checks every part and throws one {@link InvalidPipelineException}
 * listing every problem; {@link #start(SparkSession)} also refuses a checkpoint that a running
 * pipeline in this JVM already uses. Either way, no query has started.
 */
public final class Pipeline {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private final String name;
    private final Source source;
    private final Transform transform;
    private final Sink sink;
    private final TriggerPolicy trigger;
    private final OutputMode outputMode;
    private final String checkpointLocation;
    private final List<StartCheck> startChecks;

    private Pipeline(Builder b, TriggerPolicy trigger) {
        this.name = b.name;
        this.source = b.source;
        this.transform = b.transform;
        this.sink = b.sink;
        this.trigger = trigger;
        this.outputMode = b.outputMode;
        this.checkpointLocation = b.checkpointLocation;
        this.startChecks = List.copyOf(b.startChecks);
    }

    /** @param name the query's name: letters, digits, '_' and '-'; unique among running pipelines */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Starts the query.
     *
     * @throws InvalidPipelineException when another running pipeline uses the same checkpoint, or
     *     a {@link StartCheck} found a problem
     */
    public RunningPipeline start(SparkSession spark) throws TimeoutException {
        CheckpointClaims.claim(checkpointLocation, name).ifPresent(owner -> {
            throw new InvalidPipelineException("pipeline '" + name + "'", List.of("checkpointLocation: "
                    + checkpointLocation + " is already used by running pipeline '" + owner
                    + "'; expected a checkpoint location of this pipeline's own"));
        });
        ProgressTracker tracker = new ProgressTracker(name, ended -> {
            release(spark, ended);
            logEnd(ended);
        });
        spark.streams().addListener(tracker);
        try {
            Checkpoint checkpoint = Checkpoint.at(checkpointLocation, spark.sparkContext().hadoopConfiguration());
            Dataset<Row> output = transform.apply(source.read(spark, checkpoint));
            List<String> problems = new ArrayList<>();
            for (StartCheck check : startChecks) {
                problems.addAll(check.problems(this, output, spark));
            }
            InvalidPipelineException.throwIfAny("pipeline '" + name + "'", problems);
            DataStreamWriter<Row> writer = output.writeStream()
                    .queryName(name)
                    .trigger(trigger.toSparkTrigger())
                    .outputMode(outputMode)
                    .option("checkpointLocation", checkpoint.location());
            StreamingQuery query = sink.start(writer, checkpoint);
            LOG.info("Pipeline '{}' started: checkpoint {}, trigger {}, query id {}", name, checkpoint.location(), trigger,
                    query.id());
            return new RunningPipeline(this, query, tracker);
        } catch (RuntimeException | TimeoutException e) {
            release(spark, tracker);
            throw e;
        }
    }

    /** Says how the query ended; Spark itself logs a failure's cause, which may quote a record. */
    private void logEnd(ProgressTracker ended) {
        String lastBatch = ended.lastProgress().map(p -> "last batch " + p.batchId()).orElse("no batch completed");
        ended.failure().ifPresentOrElse(
                failure -> LOG.warn("Pipeline '{}' failed ({}): {}", name, lastBatch, failure),
                () -> LOG.info("Pipeline '{}' stopped ({}), checkpoint {}", name, lastBatch, checkpointLocation));
    }

    /** Frees the checkpoint for a later run and stops listening to a query that has ended. */
    private void release(SparkSession spark, ProgressTracker tracker) {
        CheckpointClaims.release(checkpointLocation, name);
        spark.streams().removeListener(tracker);
    }

    public String name() {
        return name;
    }

    public Source source() {
        return source;
    }

    public Sink sink() {
        return sink;
    }

    public TriggerPolicy trigger() {
        return trigger;
    }

    public OutputMode outputMode() {
        return outputMode;
    }

    public String checkpointLocation() {
        return checkpointLocation;
    }

    /** The checks {@link #start(SparkSession)} runs before starting the query. */
    public List<StartCheck> startChecks() {
        return startChecks;
    }

    @Override
    public String toString() {
        return "Pipeline(" + name + ": " + source + " -> " + sink + ", " + trigger + ")";
    }

    /** Collects a pipeline's parts; {@link #build()} checks them all at once. */
    public static final class Builder {
        private final String name;
        private Source source;
        private Transform transform = Transform.identity();
        private Sink sink;
        private TriggerPolicy trigger = TriggerPolicy.processingTime(Duration.ZERO);
        private Duration sla;
        private OutputMode outputMode = OutputMode.Append();
        private String checkpointLocation;
        private final List<String> patternProblems = new ArrayList<>();
        private final List<StartCheck> startChecks = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder source(Source source) {
            this.source = source;
            return this;
        }

        /** Adds a step after those added before. */
        public Builder transform(Transform next) {
            this.transform = transform.andThen(Objects.requireNonNull(next, "transform"));
            return this;
        }

        public Builder sink(Sink sink) {
            this.sink = sink;
            return this;
        }

        public Builder trigger(TriggerPolicy trigger) {
            this.trigger = trigger;
            return this;
        }

        /**
         * The business SLA the trigger is held to: {@link #build()} refuses a processing-time trigger
         * longer than a third of it, naming both (see {@link TriggerPolicy}), and the built pipeline's
         * trigger carries it.
         */
        public Builder sla(Duration sla) {
            this.sla = sla;
            return this;
        }

        /** Append (the default) for row-by-row pipelines; update for aggregations and Real-Time Mode. */
        public Builder outputMode(OutputMode mode) {
            this.outputMode = mode;
            return this;
        }

        /** A folder that belongs to this pipeline alone; it is how a restart resumes. */
        public Builder checkpointLocation(String location) {
            this.checkpointLocation = location;
            return this;
        }

        /**
         * A condition of the pattern being built (an option of its own), reported with the
         * pipeline's other problems when it does not hold.
         */
        public Builder require(boolean satisfied, String problem) {
            if (!satisfied) {
                patternProblems.add(problem);
            }
            return this;
        }

        /**
         * A condition that {@link Pipeline#start(SparkSession)} checks once the query's plan is
         * built, before the query starts (see {@link StartCheck}).
         */
        public Builder startCheck(StartCheck check) {
            startChecks.add(Objects.requireNonNull(check, "check"));
            return this;
        }

        /** @throws InvalidPipelineException listing every problem found */
        public Pipeline build() {
            List<String> problems = new ArrayList<>(patternProblems);
            if (name == null || !name.matches("[A-Za-z0-9_-]+")) {
                problems.add("name: expected letters, digits, '_' or '-', got '" + name + "'");
            }
            if (source == null) {
                problems.add("source: expected a source, got none");
            } else {
                problems.addAll(source.validate());
            }
            if (sink == null) {
                problems.add("sink: expected a sink, got none");
            } else {
                problems.addAll(sink.validate());
            }
            TriggerPolicy heldTrigger = heldTrigger(problems);
            if (outputMode == null) {
                problems.add("outputMode: expected append, update or complete, got none");
            }
            if (checkpointLocation == null || checkpointLocation.isBlank()) {
                problems.add("checkpointLocation: expected a folder of this pipeline's own, got nothing;"
                        + " without it a restart cannot resume and would read again or skip data");
            }
            InvalidPipelineException.throwIfAny("pipeline '" + name + "'", problems);
            return new Pipeline(this, heldTrigger);
        }

        /** The trigger, held to the SLA when one was given; what is wrong with either goes to {@code problems}. */
        private TriggerPolicy heldTrigger(List<String> problems) {
            if (trigger == null) {
                problems.add("trigger: expected a trigger policy, got none");
                return null;
            }
            if (sla == null) {
                problems.addAll(trigger.validate());
                return trigger;
            }
            try {
                return trigger.withSla(sla);
            } catch (InvalidPipelineException e) {
                problems.addAll(e.problems());
                return trigger;
            }
        }
    }
}
