package io.streampatterns.patterns;

import io.streampatterns.core.Pipeline;
import io.streampatterns.core.Sink;
import io.streampatterns.core.StreamingPattern;
import io.streampatterns.core.TriggerPolicy;
import io.streampatterns.core.kafka.KafkaClientBuilder;
import io.streampatterns.core.kafka.KafkaSecurity;
import io.streampatterns.core.kafka.KafkaSink;
import io.streampatterns.core.kafka.KafkaSource;
import io.streampatterns.core.kafka.StartingOffsets;
import io.streampatterns.core.kafka.TransactionalKafkaSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The options every pattern shares, under one name each, and how they become the pattern's Kafka
 * clients, trigger and pipeline. A pattern's {@code Builder} extends it and adds only its own
 * options; its {@link #build()} reports the problems of both in one
 * {@link io.streampatterns.core.InvalidPipelineException}, each naming its option.
 *
 * <ul>
 *   <li><b>Kafka.</b> {@link #topic} is the input topic. {@link #bootstrapServers}, {@link #security}
 *       and {@link #kafkaOption} apply to every Kafka client the pattern opens: its source and, where
 *       it writes to Kafka, its sink and its dead letter producer.</li>
 *   <li><b>The source.</b> {@link #startingOffsets} (default earliest: a first run misses nothing),
 *       {@link #maxOffsetsPerTrigger} (default {@value #DEFAULT_MAX_OFFSETS_PER_TRIGGER} for a
 *       micro-batch pattern on a micro-batch trigger, so a backlog drains in bounded batches; none in
 *       Real-Time Mode, which has no batches), {@link #minPartitions}.</li>
 *   <li><b>When it runs.</b> {@link #trigger} chooses the trigger; {@link #sla} is the business SLA.
 *       An SLA alone derives a micro-batch pattern's trigger (a third of it, the SLA/3 rule); with a
 *       trigger it holds that trigger to it, and {@code build()} refuses one that is longer than a
 *       third, naming both. Without either, the pattern's own default trigger runs.</li>
 *   <li>{@link #checkpointLocation}, and {@link #name} (default: the pattern's prefix and the topic).</li>
 * </ul>
 *
 * @param <B> the pattern's own builder, which every option returns so that calls chain
 */
public abstract class PatternBuilder<B extends PatternBuilder<B>> {
    /** Records a micro-batch reads at most, unless {@link #maxOffsetsPerTrigger} says otherwise. */
    public static final long DEFAULT_MAX_OFFSETS_PER_TRIGGER = 50_000;

    private final TriggerPolicy defaultTrigger;
    private String name;
    private String bootstrapServers;
    private String topic;
    private KafkaSecurity security;
    private final Map<String, String> kafkaOptions = new LinkedHashMap<>();
    private final Map<String, String> sourceOnlyOptions = new LinkedHashMap<>();
    private final Map<String, String> sinkOnlyOptions = new LinkedHashMap<>();
    private Long maxOffsetsPerTrigger;
    private Integer minPartitions;
    private StartingOffsets startingOffsets = StartingOffsets.earliest();
    private TriggerPolicy trigger;
    private boolean triggerChosen;
    private Duration sla;
    /** Null for at-least-once Kafka output; the transaction timeout after exactlyOnce(). */
    private Duration transactionTimeout;
    private String checkpointLocation;

    /** @param defaultTrigger the pattern's trigger when neither {@link #trigger} nor {@link #sla} chooses one */
    protected PatternBuilder(TriggerPolicy defaultTrigger) {
        this.defaultTrigger = defaultTrigger;
    }

    /** The query's name: letters, digits, '_' and '-', unique among running pipelines. */
    public B name(String name) {
        this.name = name;
        return self();
    }

    /** The brokers, {@code host:port[,host:port...]}, of every topic the pattern reads and writes. */
    public B bootstrapServers(String servers) {
        this.bootstrapServers = servers;
        return self();
    }

    /** The input topic. */
    public B topic(String topic) {
        this.topic = topic;
        return self();
    }

    /**
     * How every Kafka client of the pattern authenticates; none (plaintext) when not set. The
     * properties it sets are its own: a {@link #kafkaOption} for one of them is refused at build.
     */
    public B security(KafkaSecurity security) {
        this.security = security;
        return self();
    }

    /**
     * A Kafka client property, with or without the {@code kafka.} prefix, for every Kafka client
     * the pattern opens (its source and, where it writes to Kafka, its sink and dead letter
     * producer). Refused at build: properties Spark's connector manages, and, when
     * {@link #security} is set, {@code security.protocol}, {@code sasl.*}, {@code ssl.truststore.*}
     * and {@code ssl.endpoint.identification.algorithm}, which it would silently replace.
     */
    public B kafkaOption(String name, String value) {
        kafkaOptions.put(name, value);
        return self();
    }

    /** {@link #kafkaOption} for each entry, e.g. the client properties of a secured cluster. */
    public B kafkaOptions(Map<String, String> options) {
        options.forEach(this::kafkaOption);
        return self();
    }

    /** Caps the records one micro-batch reads; see the class comment for the default. */
    public B maxOffsetsPerTrigger(long max) {
        this.maxOffsetsPerTrigger = max;
        return self();
    }

    /** Spark partitions to split the read into: the topic's partition count or a multiple, not fewer. */
    public B minPartitions(int min) {
        this.minPartitions = min;
        return self();
    }

    /** Where a new checkpoint starts reading; default earliest. A checkpoint that holds offsets wins. */
    public B startingOffsets(StartingOffsets offsets) {
        this.startingOffsets = offsets;
        return self();
    }

    /** The trigger, instead of the pattern's default; held to {@link #sla} when one is given. */
    public B trigger(TriggerPolicy trigger) {
        this.trigger = trigger;
        this.triggerChosen = true;
        return self();
    }

    /**
     * The business SLA. Without {@link #trigger} it derives a micro-batch pattern's trigger, a third
     * of it; with one, {@code build()} refuses a trigger longer than a third of it, naming both.
     */
    public B sla(Duration sla) {
        this.sla = sla;
        return self();
    }

    /**
     * Writes the Kafka output in Kafka transactions ({@link TransactionalKafkaSink}), each with its
     * commit marker, so that a {@code read_committed} reader sees every record once across crashes
     * and restarts. Micro-batches only; patterns that do not offer it refuse it at {@code build()}.
     *
     * @param transactionTimeout {@code transaction.timeout.ms}: longer than the slowest batch takes to
     *     write, at most the broker's {@code transaction.max.timeout.ms} (checked when the query starts)
     */
    public B exactlyOnce(Duration transactionTimeout) {
        this.transactionTimeout = transactionTimeout;
        return self();
    }

    /** {@link #exactlyOnce(Duration)} with Kafka's default transaction timeout of one minute. */
    public B exactlyOnce() {
        return exactlyOnce(TransactionalKafkaSink.DEFAULT_TRANSACTION_TIMEOUT);
    }

    /** A folder of this pipeline's own: it is how a restart resumes. */
    public B checkpointLocation(String location) {
        this.checkpointLocation = location;
        return self();
    }

    /** @throws io.streampatterns.core.InvalidPipelineException listing every problem, each naming its option */
    public abstract StreamingPattern build();

    /** This builder as the pattern's own type; safe because {@code B} is, by declaration, this class. */
    @SuppressWarnings("unchecked")
    protected final B self() {
        return (B) this;
    }

    /** A property for the source only: what a pattern's deprecated consumer-only option keeps doing. */
    protected final B sourceOnlyOption(String name, String value) {
        sourceOnlyOptions.put(name, value);
        return self();
    }

    /** A property for the sinks only: what a pattern's deprecated producer-only option keeps doing. */
    protected final B sinkOnlyOption(String name, String value) {
        sinkOnlyOptions.put(name, value);
        return self();
    }

    protected final String topic() {
        return topic;
    }

    protected final String bootstrapServers() {
        return bootstrapServers;
    }

    /** The security given, or null for none. */
    protected final KafkaSecurity security() {
        return security;
    }

    protected final boolean hasMinPartitions() {
        return minPartitions != null;
    }

    /** The trigger that runs: the one chosen, else one derived from the SLA, else the pattern's default. */
    protected final TriggerPolicy resolvedTrigger() {
        if (triggerChosen) {
            return trigger;
        }
        boolean derivable = sla != null && sla.compareTo(Duration.ZERO) > 0;
        return derivable && defaultTrigger.kind() == TriggerPolicy.Kind.PROCESSING_TIME
                ? TriggerPolicy.forSla(sla) : defaultTrigger;
    }

    protected final boolean realTime() {
        TriggerPolicy resolved = resolvedTrigger();
        return resolved != null && resolved.kind() == TriggerPolicy.Kind.REAL_TIME;
    }

    /** {@link #name}, or {@code prefix} and the topic, with what a query name cannot hold replaced by '_'. */
    protected final String pipelineName(String prefix) {
        return name != null ? name : prefix + (topic == null ? "" : topic.replaceAll("[^A-Za-z0-9_-]", "_"));
    }

    /** A source of the input topic with the shared options; the pattern adds its own (headers, say). */
    protected final KafkaSource.Builder kafkaSource() {
        KafkaSource.Builder source = onTheBrokers(KafkaSource.builder(), sourceOnlyOptions);
        if (topic != null && !topic.isBlank()) {
            source.subscribe(topic);
        }
        if (startingOffsets != null) {
            source.startingOffsets(startingOffsets);
        }
        boolean microBatches = defaultTrigger.kind() != TriggerPolicy.Kind.REAL_TIME && !realTime();
        if (maxOffsetsPerTrigger != null || microBatches) {
            source.maxOffsetsPerTrigger(maxOffsetsPerTrigger != null ? maxOffsetsPerTrigger : DEFAULT_MAX_OFFSETS_PER_TRIGGER);
        }
        if (minPartitions != null) {
            source.minPartitions(minPartitions);
        }
        return source;
    }

    /** Whether this pattern can write its Kafka output exactly once; those that can say so. */
    protected boolean offersExactlyOnce() {
        return false;
    }

    /**
     * The sink of the Kafka output topic {@code topic}: transactional after {@link #exactlyOnce},
     * otherwise {@link #kafkaSink()}'s.
     */
    protected final Sink kafkaOutput(String topic) {
        return transactionalOutput(Collections.singletonList(topic)).map(Sink.class::cast).orElseGet(() -> kafkaSink().topic(topic).build());
    }

    /**
     * The sink of records that name their topic in a {@code topic} column, one of {@code topics}:
     * transactional after {@link #exactlyOnce}, otherwise a {@link KafkaSink} taking the topic from the row.
     */
    protected final Sink kafkaOutputFromColumn(Collection<String> topics) {
        return transactionalOutput(topics).map(Sink.class::cast)
                .orElseGet(() -> kafkaSink().topicFromColumn().build());
    }

    /**
     * After {@link #exactlyOnce}, the transactional sink of records naming their topic, one of
     * {@code topics}, in a {@code topic} column (a single topic needs no column); otherwise empty.
     * A pattern writing its output and its dead letters in one foreachBatch writes both through it,
     * so that they commit together.
     */
    protected final Optional<TransactionalKafkaSink> transactionalOutput(Collection<String> topics) {
        if (transactionTimeout == null) {
            return Optional.empty();
        }
        TransactionalKafkaSink.Builder sink = onTheBrokers(TransactionalKafkaSink.builder(), sinkOnlyOptions)
                .transactionTimeout(transactionTimeout);
        List<String> distinct = topics.stream().filter(Objects::nonNull).distinct().toList();
        return Optional.of((distinct.size() == 1 ? sink.topic(distinct.get(0)) : sink.topicFromColumn(distinct)).build());
    }

    /**
     * After {@link #exactlyOnce}, the output topic (or none: null) and the dead letter topic written
     * in the same transactions; otherwise empty.
     */
    protected final Optional<OutputWithDeadLetters> transactionalOutputWithDeadLetters(String outputTopic, String dlqTopic) {
        List<String> topics = Arrays.asList(outputTopic, dlqTopic);
        return transactionalOutput(topics).map(sink -> new OutputWithDeadLetters(sink, outputTopic, dlqTopic));
    }

    /**
     * The problem of {@link #exactlyOnce} with dead letters sent by a {@code DlqPolicy} of the
     * caller's, which cannot join the sink's transactions.
     */
    protected final void requireDlqTopicForExactlyOnce(Pipeline.Builder pipeline, boolean ownDlqPolicy) {
        pipeline.require(!(exactlyOnceChosen() && ownDlqPolicy), "exactlyOnce: dead letters sent by a DlqPolicy of"
                + " your own cannot commit in the output's Kafka transactions; expected dlqTopic(...), or no exactlyOnce()");
    }

    /** Whether {@link #exactlyOnce} was chosen. */
    protected final boolean exactlyOnceChosen() {
        return transactionTimeout != null;
    }

    /** A Kafka sink on the same brokers, with the same security and client options; the pattern sets its topic. */
    protected final KafkaSink.Builder kafkaSink() {
        return onTheBrokers(KafkaSink.builder(), sinkOnlyOptions);
    }

    /** {@code client} on this pattern's brokers, with its security, its kafkaOptions, then {@code ownOptions}. */
    private <C extends KafkaClientBuilder<C>> C onTheBrokers(C client, Map<String, String> ownOptions) {
        client.bootstrapServers(bootstrapServers);
        if (security != null) {
            client.security(security);
        }
        kafkaOptions.forEach(client::kafkaOption);
        ownOptions.forEach(client::kafkaOption);
        return client;
    }

    /**
     * The pipeline with the shared options (name, trigger held to the SLA, checkpoint) and their
     * problems; the pattern adds its source, transforms, sink and its own problems.
     */
    protected final Pipeline.Builder pipeline(String defaultNamePrefix) {
        Pipeline.Builder pipeline = Pipeline.builder(pipelineName(defaultNamePrefix))
                .trigger(resolvedTrigger())
                .sla(sla)
                .checkpointLocation(checkpointLocation);
        sharedProblems().forEach(problem -> pipeline.require(false, problem));
        return pipeline;
    }

    /**
     * Refuses a missing output topic, and one that is the input topic.
     *
     * @param loop what would happen if the pattern read its own output, for the message
     */
    protected final void requireOutputTopic(Pipeline.Builder pipeline, String outputTopic, String loop) {
        pipeline.require(outputTopic != null && !outputTopic.isBlank(),
                        "outputTopic: expected the topic to write to, got nothing")
                .require(outputTopic == null || !outputTopic.equals(topic),
                        "outputTopic: expected a topic other than the input topic '" + topic + "'; " + loop);
    }

    /** Refuses a real-time trigger, saying why the pattern cannot run in Real-Time Mode. */
    protected final void requireMicroBatches(Pipeline.Builder pipeline, String why) {
        pipeline.require(!realTime(), "trigger: expected processingTime or availableNow, got "
                + resolvedTrigger() + "; " + why);
    }

    private List<String> sharedProblems() {
        List<String> problems = new ArrayList<>();
        if (startingOffsets == null) {
            problems.add("startingOffsets: expected earliest, latest or per-partition offsets, got none");
        }
        if (transactionTimeout != null && !offersExactlyOnce()) {
            problems.add("exactlyOnce: this pattern does not offer transactional Kafka output yet; expected no exactlyOnce()");
        }
        if (transactionTimeout != null && realTime()) {
            problems.add("exactlyOnce: Real-Time Mode cannot write through foreachBatch, which Kafka transactions need;"
                    + " expected a processing-time trigger, or no exactlyOnce()");
        }
        if (security != null) {
            for (Map<String, String> options : List.of(kafkaOptions, sourceOnlyOptions, sinkOnlyOptions)) {
                options.keySet().stream().filter(PatternBuilder::setBySecurity).forEach(option -> problems.add(
                        "kafkaOption " + option + ": security(...) sets this property, and a kafkaOption would"
                                + " silently replace it; expected it from the KafkaSecurity, or no security(...)"
                                + " and every client property as a kafkaOption"));
            }
        }
        return problems;
    }

    /** Whether a {@link KafkaSecurity} sets {@code option}: the login, the transport, the broker's identity. */
    private static boolean setBySecurity(String option) {
        String property = option.startsWith("kafka.") ? option.substring("kafka.".length()) : option;
        return property.equals("security.protocol") || property.startsWith("sasl.")
                || property.startsWith("ssl.truststore.") || property.equals("ssl.endpoint.identification.algorithm");
    }
}
