package io.streampatterns.patterns.realtime;

import io.streampatterns.core.Durations;
import io.streampatterns.core.Pipeline;
import io.streampatterns.core.Sink;
import io.streampatterns.core.Source;
import io.streampatterns.core.StartCheck;
import io.streampatterns.core.TriggerPolicy;
import io.streampatterns.core.kafka.KafkaSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.OutputMode;

/**
 * What Spark 4.2's Real-Time Mode demands of a pipeline, checked before the query starts, each
 * refusal naming its cause. Usable for any core {@link Pipeline}:
 *
 * <pre>{@code
 * Pipeline.builder("low_latency")
 *     ...
 *     .trigger(TriggerPolicy.realTime(Duration.ofMinutes(1)))
 *     .outputMode(OutputMode.Update())
 *     .startCheck(new RealTimeModeRequirements())
 *     .build();
 * }</pre>
 *
 * <p><b>Why check at all, when Spark checks too?</b> Spark refuses most of these itself, but late and
 * unevenly: an append output mode, a short interval or a foreachBatch sink fail {@code start()}; a
 * stateful operator, a sort-merge join or {@code maxOffsetsPerTrigger} start a query that fails a
 * second later with a physical operator's class name ({@code StateStoreSaveExec is not in the
 * operator allowlist}); and <b>too few task slots are not refused at all</b>: the partitions that
 * get no slot are simply not read (measured: local[1] on a 2-partition topic delivered 503 of 1000
 * records, with no error and no warning). Here every problem is found at once, before anything
 * runs, and named in the user's terms.
 *
 * <p><b>Where each check runs.</b>
 * <ul>
 *   <li><b>Build time</b> ({@link #configurationProblems}: needs neither Spark nor a broker): a
 *       real-time trigger; a sink that Real-Time Mode can write ({@link Sink#supportsRealTimeMode()}:
 *       Kafka, not Delta, not foreachBatch); a source that does not cap batches
 *       ({@link Source#capsBatchSize()}: no {@code maxOffsetsPerTrigger}); output mode update.</li>
 *   <li><b>Start time</b> ({@link #problems(Pipeline, Dataset, SparkSession)}, run by
 *       {@link Pipeline#start(SparkSession)}): the build-time checks again (for a pipeline built
 *       without them); the checkpoint interval against the session's
 *       {@value #MIN_BATCH_DURATION_CONF}, a session setting that a builder cannot see; the
 *       stateful operators in the query's plan, which only exists once the source and the
 *       transforms have been applied in a session; and the task slots of the application against
 *       the partitions the source reads, which needs the session and a broker.</li>
 * </ul>
 *
 * <p>The partition count is read with a Kafka AdminClient built from the source's own options
 * (bootstrap servers, security, client properties), so it reaches the cluster the query will. It
 * applies to a {@link KafkaSource}; other sources are not counted. Task slots are counted for the
 * whole application: another Real-Time query running in the same application holds slots of its
 * own for as long as it runs, which this check cannot see.
 */
public final class RealTimeModeRequirements implements StartCheck {
    /** The session setting holding Real-Time Mode's shortest checkpoint interval. */
    public static final String MIN_BATCH_DURATION_CONF = "spark.sql.streaming.realTimeMode.minBatchDuration";
    /** Spark 4.2's default for {@value #MIN_BATCH_DURATION_CONF}. */
    public static final Duration DEFAULT_MIN_BATCH_DURATION = Duration.ofSeconds(5);
    /** Spark's own allowlist check; when a user turned it off, this check leaves the plan alone too. */
    static final String ALLOWLIST_CHECK_CONF = "spark.sql.streaming.realTimeMode.allowlistCheck";

    private static final Pattern LOCAL_MASTER = Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\s*\\d+)?])?");
    private static final Pattern LOCAL_CLUSTER_MASTER =
            Pattern.compile("local-cluster\\[\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*\\d+\\s*]");
    private static final Pattern TIME_STRING = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h|d)?");

    private final Integer taskSlots;

    /** Counts the task slots from the session when the pipeline starts. */
    public RealTimeModeRequirements() {
        this(null);
    }

    private RealTimeModeRequirements(Integer taskSlots) {
        this.taskSlots = taskSlots;
    }

    /**
     * Takes the application's task slots as given instead of counting them: for a cluster whose
     * executors may not all have registered when the query starts (the count would be too low).
     */
    public RealTimeModeRequirements withTaskSlots(int slots) {
        if (slots <= 0) {
            throw new IllegalArgumentException("taskSlots: expected a positive number, got " + slots);
        }
        return new RealTimeModeRequirements(slots);
    }

    /**
     * Problems that the configuration alone shows: the trigger, the sink, the source's batch cap and
     * the output mode. Needs neither Spark nor a broker, so a builder reports them with its own.
     */
    public static List<String> configurationProblems(Source source, Sink sink, TriggerPolicy trigger, OutputMode mode) {
        List<String> problems = new ArrayList<>();
        if (trigger != null && trigger.kind() != TriggerPolicy.Kind.REAL_TIME) {
            problems.add("trigger: Real-Time Mode needs TriggerPolicy.realTime(checkpointInterval), got " + trigger);
        }
        if (sink != null && !sink.supportsRealTimeMode()) {
            problems.add("sink: " + sink + " cannot be written in Real-Time Mode, which in Spark 4.2 writes only to"
                    + " Kafka, foreach, console and memory sinks (not Delta, not foreachBatch); expected a KafkaSink."
                    + " Land the output in Kafka and load Delta from there with a micro-batch pipeline");
        }
        if (source != null && source.capsBatchSize()) {
            problems.add("maxOffsetsPerTrigger: Real-Time Mode reads records as they arrive and has no batches to"
                    + " cap (Spark fails the query with 'maxOffsetsPerTrigger is not compatible with real time"
                    + " mode'); expected no maxOffsetsPerTrigger on the source");
        }
        if (mode != null && !mode.equals(OutputMode.Update())) {
            problems.add("outputMode: Real-Time Mode supports update only, got " + mode
                    + "; expected OutputMode.Update() (the rows are the same for a stateless query)");
        }
        return problems;
    }

    /**
     * Makes {@code pipeline} a Real-Time Mode one: output mode update, the configuration's problems
     * reported with the pipeline's others at build, and these requirements checked again at start.
     *
     * @param source the source {@code pipeline} reads
     * @param sink the sink {@code pipeline} writes
     * @param trigger the trigger {@code pipeline} runs on
     */
    public Pipeline.Builder applyTo(Pipeline.Builder pipeline, Source source, Sink sink, TriggerPolicy trigger) {
        configurationProblems(source, sink, trigger, OutputMode.Update())
                .forEach(problem -> pipeline.require(false, problem));
        return pipeline.outputMode(OutputMode.Update()).startCheck(this);
    }

    /** {@link #configurationProblems(Source, Sink, TriggerPolicy, OutputMode)} of a built pipeline. */
    public static List<String> configurationProblems(Pipeline pipeline) {
        return configurationProblems(pipeline.source(), pipeline.sink(), pipeline.trigger(), pipeline.outputMode());
    }

    /** Every problem, build-time and start-time; empty when the query may start in Real-Time Mode. */
    @Override
    public List<String> problems(Pipeline pipeline, Dataset<Row> plan, SparkSession spark) {
        List<String> problems = new ArrayList<>(configurationProblems(pipeline));
        problems.addAll(intervalProblems(pipeline.trigger(), minBatchDuration(spark)));
        if (Boolean.parseBoolean(spark.conf().get(ALLOWLIST_CHECK_CONF, "true"))) {
            problems.addAll(StatefulOperators.problems(plan.queryExecution().analyzed(), spark));
        }
        if (pipeline.source() instanceof KafkaSource kafka) {
            int slots = taskSlots != null ? taskSlots : taskSlots(spark);
            KafkaPartitionCount.count(kafka).fold(
                    partitions -> problems.addAll(slotProblems(slots, partitions.count(), partitions.describe(),
                            spark.sparkContext().master())),
                    problems::add);
        }
        return problems;
    }

    /** The checkpoint interval against Real-Time Mode's minimum. */
    static List<String> intervalProblems(TriggerPolicy trigger, Duration minimum) {
        if (trigger == null || trigger.kind() != TriggerPolicy.Kind.REAL_TIME || trigger.interval().compareTo(minimum) >= 0) {
            return List.of();
        }
        return List.of("trigger realTime checkpoint interval: " + Durations.format(trigger.interval())
                + " is under the minimum of " + Durations.format(minimum) + " (" + MIN_BATCH_DURATION_CONF
                + "); expected at least " + Durations.format(minimum) + ". It is how often progress is"
                + " checkpointed, not a latency: a longer interval does not delay records");
    }

    /** Task slots against the Kafka partitions (Spark tasks) the source reads. */
    static List<String> slotProblems(int slots, int partitions, String what, String master) {
        if (slots >= partitions) {
            return List.of();
        }
        return List.of("task slots: the application has " + slots + " task slot" + (slots == 1 ? "" : "s")
                + " (master " + master + ") but the source reads " + partitions + " partitions (" + what
                + "). Real-Time Mode keeps one task per partition running for the whole batch, and Spark 4.2"
                + " silently leaves the partitions that get no slot unread; expected at least " + partitions
                + " task slots (more cores or executors), or a source with at most " + slots + " partitions");
    }

    /** Real-Time Mode's minimum checkpoint interval in {@code spark}'s session. */
    static Duration minBatchDuration(SparkSession spark) {
        String value = spark.conf().get(MIN_BATCH_DURATION_CONF, DEFAULT_MIN_BATCH_DURATION.toMillis() + "ms");
        return parseDuration(value);
    }

    /** Spark's time strings: {@code 5000ms}, {@code 5s}, {@code 1min}; a bare number is milliseconds. */
    static Duration parseDuration(String value) {
        Matcher m = TIME_STRING.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(MIN_BATCH_DURATION_CONF + ": expected a time like 5s, got '" + value + "'");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m", "min" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    /**
     * The tasks the application can run at once. For a local master the master string says it
     * exactly; on a cluster, Spark's own count (the one barrier scheduling uses) of the executors
     * registered now, else the default parallelism.
     */
    static int taskSlots(SparkSession spark) {
        SparkContext sc = spark.sparkContext();
        OptionalInt local = localTaskSlots(sc.master(), Runtime.getRuntime().availableProcessors());
        if (local.isPresent()) {
            return local.getAsInt();
        }
        try {
            int slots = sc.maxNumConcurrentTasks(sc.resourceProfileManager().defaultResourceProfile());
            return slots > 0 ? slots : sc.defaultParallelism();
        } catch (LinkageError e) {
            return sc.defaultParallelism();
        }
    }

    /** Task slots of a local master ({@code local}, {@code local[4]}, {@code local[*]}, {@code local[4,2]}, {@code local-cluster[2,2,1024]}). */
    static OptionalInt localTaskSlots(String master, int processors) {
        Matcher local = LOCAL_MASTER.matcher(master.trim());
        if (local.matches()) {
            String n = local.group(1);
            return OptionalInt.of(n == null ? 1 : n.equals("*") ? processors : Integer.parseInt(n));
        }
        Matcher cluster = LOCAL_CLUSTER_MASTER.matcher(master.trim());
        if (cluster.matches()) {
            return OptionalInt.of(Integer.parseInt(cluster.group(1)) * Integer.parseInt(cluster.group(2)));
        }
        return OptionalInt.empty();
    }

    @Override
    public String toString() {
        return "RealTimeModeRequirements" + (taskSlots == null ? "" : "(taskSlots=" + taskSlots + ")");
    }
}
