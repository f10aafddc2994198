package io.streampatterns.core.kafka;

import io.streampatterns.core.Checkpoint;
import io.streampatterns.core.InvalidPipelineException;
import io.streampatterns.core.Sink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * Exactly-once into Kafka from a micro-batch query. Each batch is written in {@code foreachBatch},
 * one Kafka transaction per slice (a partition of the batch's data), each committing its records
 * and a {@link CommitMarker} together; a batch replayed after a crash finds its slices' markers and
 * writes nothing twice (see {@link SliceTransaction} for the order of steps).
 *
 * <ul>
 *   <li><b>Fencing.</b> A slice's {@code transactional.id} is {@code <prefix>-<slice>}, the prefix
 *       being the query's id (kept in its checkpoint) unless set: every attempt of a slice, in this run
 *       or after a restart, fences the one before.</li>
 *   <li><b>Determinism.</b> A slice is a function of its records alone: one slice per partition of
 *       each output topic, holding the records Kafka's default partitioner sends there (by key, by
 *       value where there is no key), so each slice writes one partition and each source
 *       partition's records keep their order in it ({@link Slicing}). A replay
 *       reads the offsets its first attempt read (the checkpoint's offset log), so it is cut into the
 *       same slices holding the same records; Spark's Kafka source does not number a batch's
 *       partitions the same way in a replay, so they cannot be the slices. A replay cut otherwise, or
 *       a slice holding another number of records (a transform that is not deterministic), is
 *       refused ({@link ReplayRefusedException}) before anything of it is written. The price is a
 *       shuffle per batch.</li>
 *   <li><b>Atomic unit.</b> The slice. A {@code read_committed} consumer may see some slices of a
 *       batch before the others; it never sees part of a slice, nor a slice twice.</li>
 *   <li><b>Timeouts.</b> {@code transaction.timeout.ms} is checked against the broker's
 *       {@code transaction.max.timeout.ms} before the query starts; a slice that outlives it fails
 *       loudly, its transaction aborted by the broker and retried by Spark.</li>
 * </ul>
 *
 * <p>Input columns: {@code value} (string or binary), optionally {@code key} and {@code headers},
 * as for Spark's own Kafka sink. Every record goes to the one output topic ({@link Builder#topic}),
 * or to the topic its {@code topic} column names among those declared
 * ({@link Builder#topicFromColumn}): the records of all of them, dead letters among them, commit
 * together, slice by slice.
 */
public final class TransactionalKafkaSink implements Sink {
    /** Kafka's producer default; batches of a trigger of a few minutes want more. */
    public static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofMinutes(1);
    /** The local property under which Spark keeps the running query's id on its stream thread. */
    static final String QUERY_ID_PROPERTY = "sql.streaming.queryId";
    private static final String LEGAL_NAME = "[A-Za-z0-9._-]+";
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaConnection connection;
    private final List<String> topics;
    private final boolean topicFromColumn;
    private final String transactionalIdPrefix;
    private final String markerTopic;
    private final Duration transactionTimeout;
    private final boolean replayDetection;
    /** Written on the driver's stream thread only, one batch at a time. */
    private volatile Prepared prepared = new Prepared(null, -1, 0);

    private TransactionalKafkaSink(Builder b) {
        this.connection = b.connection;
        this.topics = java.util.Collections.unmodifiableList(new ArrayList<>(b.topics));
        this.topicFromColumn = b.topicFromColumn;
        this.transactionalIdPrefix = b.transactionalIdPrefix;
        this.markerTopic = b.markerTopic;
        this.transactionTimeout = b.transactionTimeout;
        this.replayDetection = b.replayDetection;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public List<String> validate() {
        List<String> problems = new ArrayList<>(connection.validate());
        if (topics.isEmpty()) {
            problems.add("topic: expected the output topic's name, got nothing");
        }
        Set<String> seen = new HashSet<>();
        for (String topic : topics) {
            if (topic == null || !topic.matches(LEGAL_NAME)) {
                problems.add("topic: expected a legal topic name (letters, digits, '.', '_', '-'), got '" + topic + "'");
            } else if (!seen.add(topic)) {
                problems.add("topicFromColumn: topic '" + topic + "' is declared twice; expected each topic once");
            }
        }
        if (markerTopic != null && topics.contains(markerTopic)) {
            problems.add("markerTopic: '" + markerTopic + "' is an output topic; expected a topic of its own");
        }
        if (transactionTimeout == null || transactionTimeout.isNegative() || transactionTimeout.isZero()
                || transactionTimeout.toMillis() > Integer.MAX_VALUE) {
            problems.add("transactionTimeout: expected a positive duration of at most " + Integer.MAX_VALUE
                    + " ms, got " + transactionTimeout);
        }
        if (transactionalIdPrefix != null && !transactionalIdPrefix.matches(LEGAL_NAME)) {
            problems.add("transactionalIdPrefix: expected letters, digits, '.', '_' or '-', got '" + transactionalIdPrefix + "'");
        }
        if (markerTopic != null && !markerTopic.matches(LEGAL_NAME)) {
            problems.add("markerTopic: expected a legal topic name (letters, digits, '.', '_', '-'), got '" + markerTopic + "'");
        }
        Map<String, String> client = connection.clientConfig();
        for (String managed : List.of("transactional.id", "transaction.timeout.ms", "enable.idempotence", "acks")) {
            if (client.containsKey(managed)) {
                problems.add("kafka." + managed + ": the transactional sink sets this itself (acks=all, idempotence on,"
                        + " a transactional.id per slice, transactionTimeout); remove it");
            }
        }
        return problems;
    }

    /**
     * Checks the transaction timeout against the broker, then starts the query with every batch
     * written by {@link #writeBatch}.
     *
     * @throws InvalidPipelineException when the broker's {@code transaction.max.timeout.ms} is shorter
     *     than {@code transactionTimeout}, before the query starts
     */
    @Override
    public StreamingQuery start(DataStreamWriter<Row> writer, Checkpoint checkpoint) throws TimeoutException {
        checkTransactionTimeoutAgainstBroker();
        VoidFunction2<Dataset<Row>, Long> write = this::writeBatch;
        return writer.foreachBatch(write).start();
    }

    /**
     * What {@link #start} checks first; a sink that calls {@link #writeBatch} from a foreachBatch of
     * its own calls it before its query starts.
     *
     * @throws InvalidPipelineException when the broker's {@code transaction.max.timeout.ms} is shorter
     *     than {@code transactionTimeout}, or cannot be read
     */
    public void checkTransactionTimeoutAgainstBroker() {
        brokerTransactionMaxTimeout().filter(max -> max < transactionTimeout.toMillis()).ifPresent(max -> {
            throw new InvalidPipelineException("transactional Kafka sink", List.of("transactionTimeout: "
                    + transactionTimeout.toMillis() + " ms is over the broker's transaction.max.timeout.ms=" + max
                    + "; expected at most " + max + " ms, or a broker that allows more"));
        });
    }

    /**
     * Writes micro-batch {@code batchId} exactly once: a slice committed before (the batch is a
     * replay) is not written again. Runs on the driver, inside {@code foreachBatch}; each slice runs
     * as a task where its data is.
     *
     * @throws ReplayRefusedException when the batch was committed cut otherwise, or the output is ahead
     *     of the checkpoint
     */
    public void writeBatch(Dataset<Row> batch, long batchId) {
        String prefix = transactionalIdPrefix(batch.sparkSession());
        String markers = markerTopic(prefix);
        Slicing slicing;
        int sliceCount;
        try (Admin admin = Admin.create(new HashMap<>(connection.clientConfig()))) {
            slicing = new Slicing(partitionsOf(admin, topics), topicFromColumn);
            sliceCount = slicing.slices();
            if (!prepared.continues(markers, batchId, sliceCount)) {
                CommitMarkerLog.ensure(admin, markers, sliceCount, ADMIN_TIMEOUT);
                if (replayDetection) {
                    refuseAChangedReplay(markers, batchId, sliceCount);
                }
            }
        }
        JavaRDD<Row> sliced = slicing.cut(batch);
        sliced.foreachPartition(new SliceTransaction(connection.clientConfig(), slicing, markers,
                prefix, batchId, transactionTimeout, replayDetection));
        prepared = new Prepared(markers, batchId, sliceCount);
    }

    /**
     * What the last batch written by this sink prepared: when the next batch follows it (the next
     * id, the same marker topic, as many slices), the marker topic is known to be ready and the batch
     * cannot be a replay, so the driver's checks are skipped. Replays come first after a restart.
     */
    private record Prepared(String markerTopic, long batchId, int slices) {
        boolean continues(String markers, long nextBatchId, int nextSlices) {
            return markerTopic != null && markerTopic.equals(markers) && nextBatchId == batchId + 1 && nextSlices == slices;
        }
    }

    /**
     * Before any slice runs: if a slice of this batch was committed when the batch was cut into
     * another number of slices, or a later batch was, refuse the batch. Each marker partition is
     * written by one slice only, so its last committed record is that slice's last commit.
     */
    private void refuseAChangedReplay(String markers, long batchId, int sliceCount) {
        try (KafkaConsumer<byte[], byte[]> consumer = CommitMarkerLog.consumer(connection.clientConfig())) {
            int partitions = consumer.partitionsFor(markers, ADMIN_TIMEOUT).size();
            for (int slice = 0; slice < partitions; slice++) {
                Optional<CommitMarker> last = CommitMarkerLog.last(consumer, new TopicPartition(markers, slice), ADMIN_TIMEOUT);
                if (last.isPresent() && last.get().batchId() > batchId) {
                    throw ReplayRefusedException.aheadOfTheCheckpoint(slice, last.get().batchId(), batchId);
                }
                if (last.isPresent() && last.get().batchId() == batchId && last.get().slices() != sliceCount) {
                    throw new ReplayRefusedException("batch " + batchId + " was committed cut into " + last.get().slices()
                            + " slices; the replay cuts it into " + sliceCount + ": refusing to write it twice."
                            + " Keep the source's partitioning (minPartitions, repartition) as it was");
                }
            }
        }
    }

    /** Each output topic's partition count: one slice per partition. */
    private static Map<String, Integer> partitionsOf(Admin admin, List<String> topics) {
        try {
            Map<String, Integer> partitions = new LinkedHashMap<>();
            admin.describeTopics(topics).allTopicNames().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((topic, description) -> partitions.put(topic, description.partitions().size()));
            return partitions;
        } catch (ExecutionException e) {
            throw new IllegalStateException("topic: could not describe the output topics " + topics + " (" + e.getCause()
                    + "); the transactional sink writes one transaction per partition of existing topics", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("topic: the output topics " + topics + " were not described within " + ADMIN_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing " + topics, e);
        }
    }

    /** The configured prefix, or the query's id, which its checkpoint keeps across restarts. */
    private String transactionalIdPrefix(SparkSession spark) {
        if (transactionalIdPrefix != null) {
            return transactionalIdPrefix;
        }
        String queryId = spark.sparkContext().getLocalProperty(QUERY_ID_PROPERTY);
        if (queryId == null) {
            throw new IllegalStateException("transactionalIdPrefix: not set, and no streaming query id is known here;"
                    + " expected writeBatch to run inside foreachBatch, or a transactionalIdPrefix");
        }
        return defaultTransactionalIdPrefix(queryId);
    }

    /**
     * The prefix of the transactional ids of the query {@code queryId} (see {@link
     * io.streampatterns.core.Checkpoint#queryId()}) when no {@code transactionalIdPrefix} is set: its
     * slices' ids are {@code <prefix>-<slice>}.
     */
    public static String defaultTransactionalIdPrefix(String queryId) {
        return "streampatterns-" + queryId;
    }

    private String markerTopic(String prefix) {
        return markerTopic != null ? markerTopic : prefix + "-commit-markers";
    }

    /** The broker's {@code transaction.max.timeout.ms}; empty when the broker does not say. */
    private Optional<Long> brokerTransactionMaxTimeout() {
        try (Admin admin = Admin.create(new HashMap<>(connection.clientConfig()))) {
            String node = Integer.toString(admin.describeCluster().controller().get(ADMIN_TIMEOUT.toMillis(),
                    TimeUnit.MILLISECONDS).id());
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, node);
            Config config = admin.describeConfigs(List.of(broker)).all()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(broker);
            ConfigEntry entry = config.get("transaction.max.timeout.ms");
            return entry == null || entry.value() == null ? Optional.empty() : Optional.of(Long.parseLong(entry.value()));
        } catch (ExecutionException | TimeoutException e) {
            throw new InvalidPipelineException("transactional Kafka sink", List.of("kafka.bootstrap.servers: could not"
                    + " read the broker's transaction.max.timeout.ms (" + e + "); expected a reachable broker"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the broker's configuration", e);
        }
    }

    @Override
    public DeliveryGuarantee deliveryGuarantee() {
        return replayDetection ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE;
    }

    /** The output topics, in the order their slices are numbered. */
    public List<String> topics() {
        return topics.stream().sorted().toList();
    }

    @Override
    public String toString() {
        return "TransactionalKafkaSink(" + (topicFromColumn ? "topic column, one of " + topics() : topics.get(0))
                + ", transaction timeout "
                + transactionTimeout + (replayDetection ? "" : ", replay detection OFF") + ")";
    }

    /** Collects the sink's options; {@link #build()} never throws: the pipeline checks everything at once. */
    public static final class Builder extends KafkaClientBuilder<Builder> {
        private List<String> topics = List.of();
        private boolean topicFromColumn;
        private String transactionalIdPrefix;
        private String markerTopic;
        private Duration transactionTimeout = DEFAULT_TRANSACTION_TIMEOUT;
        private boolean replayDetection = true;


        /** Every record goes to this topic. */
        public Builder topic(String topic) {
            this.topics = topic == null || topic.isBlank() ? List.of() : List.of(topic);
            this.topicFromColumn = false;
            return this;
        }

        /**
         * Each record goes to the topic its {@code topic} column names, one of {@code topics}: they are
         * declared before the query starts because each of their partitions is a slice. A record
         * naming another topic fails its batch, before anything of the batch is committed.
         */
        public Builder topicFromColumn(Collection<String> topics) {
            this.topics = topics == null ? List.of() : new ArrayList<>(topics);
            this.topicFromColumn = true;
            return this;
        }


        /** The start of every slice's {@code transactional.id}; by default the query's id. Keep it stable across restarts. */
        public Builder transactionalIdPrefix(String prefix) {
            this.transactionalIdPrefix = prefix;
            return this;
        }

        /** The topic of commit markers, one per query; by default {@code <prefix>-commit-markers}, created when missing. */
        public Builder markerTopic(String topic) {
            this.markerTopic = topic;
            return this;
        }

        /** {@code transaction.timeout.ms}: longer than the slowest batch takes to write, at most the broker's maximum. */
        public Builder transactionTimeout(Duration timeout) {
            this.transactionTimeout = timeout;
            return this;
        }

        /**
         * Turns replay detection off: a replayed batch is written again, so the sink is at-least-once
         * (and says so). It exists to show that the crash check catches the difference; never in production.
         */
        public Builder withoutReplayDetection() {
            this.replayDetection = false;
            return this;
        }



        public TransactionalKafkaSink build() {
            return new TransactionalKafkaSink(this);
        }
    }
}
