package io.streampatterns.core.kafka;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.VoidFunction;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one slice of one micro-batch (one partition of one output topic, see {@link Slicing}) in one Kafka transaction,
 * on the executor that holds the slice. In order:
 * <ol>
 *   <li>{@code initTransactions()} with the slice's stable {@code transactional.id}: an earlier
 *       attempt of the same slice (a zombie task, a speculative copy, the run before a crash) is fenced,
 *       and its open transaction is aborted or finished;</li>
 *   <li>the slice's last commit marker is read back ({@code read_committed});</li>
 *   <li>if it names this batch, the slice was committed before the batch was replayed: nothing is
 *       written (after checking that the slice holds what it held then);</li>
 *   <li>otherwise the records and a new marker are sent and committed in one transaction.</li>
 * </ol>
 */
final class SliceTransaction implements VoidFunction<Iterator<Row>>, Serializable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SliceTransaction.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Map<String, String> clientConfig;
    private final Slicing slicing;
    private final String markerTopic;
    private final String transactionalIdPrefix;
    private final long batchId;
    private final int slices;
    private final long transactionTimeoutMs;
    private final boolean replayDetection;

    SliceTransaction(Map<String, String> clientConfig, Slicing slicing, String markerTopic, String transactionalIdPrefix,
                     long batchId, Duration transactionTimeout, boolean replayDetection) {
        this.clientConfig = new HashMap<>(clientConfig);
        this.slicing = slicing;
        this.markerTopic = markerTopic;
        this.transactionalIdPrefix = transactionalIdPrefix;
        this.batchId = batchId;
        this.slices = slicing.slices();
        this.transactionTimeoutMs = transactionTimeout.toMillis();
        this.replayDetection = replayDetection;
    }

    /** The {@code transactional.id} of a slice: the same for every attempt and every batch of that slice. */
    static String transactionalId(String prefix, int slice) {
        return prefix + "-" + slice;
    }

    @Override
    public void call(Iterator<Row> rows) {
        int slice = TaskContext.getPartitionId();
        String transactionalId = transactionalId(transactionalIdPrefix, slice);
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(transactionalId),
                new ByteArraySerializer(), new ByteArraySerializer());
        try {
            producer.initTransactions();
            if (replayDetection && alreadyCommitted(transactionalId, slice, rows)) {
                return;
            }
            long started = System.nanoTime();
            producer.beginTransaction();
            try {
                long records = 0;
                String topic = slicing.topicOf(slice);
                int partition = slicing.partitionOf(slice);
                while (rows.hasNext()) {
                    producer.send(OutputRow.toRecord(rows.next(), topic, partition));
                    records++;
                }
                CommitMarker marker = new CommitMarker(transactionalId, batchId, slice, slices, records);
                producer.send(new ProducerRecord<>(markerTopic, slice, transactionalId.getBytes(StandardCharsets.UTF_8),
                        marker.toJson()));
                producer.commitTransaction();
            } catch (RuntimeException e) {
                throw failure(e, slice, Duration.ofNanos(System.nanoTime() - started));
            }
        } finally {
            // Bounded: after a failure, sends still queued would otherwise hold the task for as long as they retry.
            producer.close(CLOSE_TIMEOUT);
        }
    }

    /**
     * Whether this slice of this batch was committed before: its last marker names this batch. A
     * marker of a later batch, or of this batch cut differently, is refused rather than written twice.
     */
    private boolean alreadyCommitted(String transactionalId, int slice, Iterator<Row> rows) {
        Optional<CommitMarker> last;
        try (KafkaConsumer<byte[], byte[]> consumer = CommitMarkerLog.consumer(clientConfig)) {
            last = CommitMarkerLog.last(consumer, new TopicPartition(markerTopic, slice),
                    Duration.ofMillis(Math.max(transactionTimeoutMs, 30_000)));
        }
        if (last.isEmpty() || last.get().batchId() < batchId) {
            return false;
        }
        CommitMarker marker = last.get();
        if (!marker.transactionalId().equals(transactionalId)) {
            throw new ReplayRefusedException("marker topic " + markerTopic + " partition " + slice + " holds markers of "
                    + marker.transactionalId() + ", expected " + transactionalId
                    + ": each query needs a marker topic of its own (option markerTopic)");
        }
        if (marker.batchId() > batchId) {
            throw ReplayRefusedException.aheadOfTheCheckpoint(slice, marker.batchId(), batchId);
        }
        long records = count(rows);
        if (marker.slices() != slices || marker.records() != records) {
            throw new ReplayRefusedException("batch " + batchId + " was committed as " + marker.slices()
                    + " slices with " + marker.records() + " records in slice " + slice + "; the replay cut it into "
                    + slices + " slices with " + records + " records there: refusing to write it twice");
        }
        LOG.info("Batch {} slice {} ({}) was committed before the replay: {} records not written again",
                batchId, slice, transactionalId, records);
        return true;
    }

    private static long count(Iterator<Row> rows) {
        long n = 0;
        while (rows.hasNext()) {
            rows.next();
            n++;
        }
        return n;
    }

    /** The failure of a slice's transaction, saying so loudly when it outlived {@code transaction.timeout.ms}. */
    private RuntimeException failure(RuntimeException e, int slice, Duration took) {
        if (took.toMillis() >= transactionTimeoutMs) {
            return new IllegalStateException("slice " + slice + " of batch " + batchId + " took " + took.toMillis()
                    + " ms, over transaction.timeout.ms=" + transactionTimeoutMs + ": the broker aborted its"
                    + " transaction, nothing of it is visible; the task fails and Spark retries it."
                    + " Expected smaller batches (maxOffsetsPerTrigger) or a longer transactionTimeout", e);
        }
        return e;
    }

    private Map<String, Object> producerConfig(String transactionalId) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) transactionTimeoutMs);
        return config;
    }

    /** A row of the output ({@code value}, optional {@code key} and {@code headers}) as a record. */
    static final class OutputRow {
        private OutputRow() {
        }

        /** @param partition the partition the record's slice writes */
        static ProducerRecord<byte[], byte[]> toRecord(Row row, String topic, int partition) {
            return new ProducerRecord<>(topic, partition, bytes(field(row, "key")), bytes(field(row, "value")), headers(row));
        }

        static Object field(Row row, String name) {
            int index = Arrays.asList(row.schema().fieldNames()).indexOf(name);
            return index < 0 || row.isNullAt(index) ? null : row.get(index);
        }

        static byte[] bytes(Object value) {
            if (value == null) {
                return null;
            }
            return value instanceof byte[] b ? b : value.toString().getBytes(StandardCharsets.UTF_8);
        }

        private static List<Header> headers(Row row) {
            Object headers = field(row, "headers");
            List<Header> result = new ArrayList<>();
            if (headers instanceof scala.collection.Seq<?> seq) {
                scala.jdk.javaapi.CollectionConverters.asJava(seq).forEach(h -> {
                    Row header = (Row) h;
                    result.add(new RecordHeader(header.getString(0), (byte[]) header.get(1)));
                });
            }
            return result;
        }
    }
}
