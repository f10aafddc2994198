package io.streampatterns.benchmarks.e2e;

import io.streampatterns.harness.kafka.ExternalKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The baseline: a raw consumer → producer relay with plain kafka-clients, in a JVM of its own, about
 * as fast as this machine can move records. One consumer reads every partition of the input from
 * the start; each record is sent on, bytes, key and headers as they are, to the same partition of
 * the output. The producer has the pipelines' delivery settings (acks=all, idempotence, lz4), so the
 * ratio to the relay measures processing, not weaker guarantees.
 *
 * <p>{@code throughput} mode relays {@code expected} records, batching (linger 5 ms, 256 KiB batches),
 * then prints {@code RELAY DONE} with its timings and exits. {@code latency} mode sends each record
 * as soon as it is polled (linger 0) until the process is stopped.
 *
 * <p>Usage: {@code RelayMain throughput|latency <bootstrap> <in> <out> <expected> <warm-up records> <client properties file|->}
 */
public final class RelayMain {
    static final String READY = "RELAY READY";
    static final String DONE = "RELAY DONE";
    static final String FAILED = "RELAY FAILED";
    private static final Duration STALL = Duration.ofSeconds(60);

    private RelayMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean throughput = args[0].equals("throughput");
        String bootstrap = args[1];
        String in = args[2];
        String out = args[3];
        long expected = Long.parseLong(args[4]);
        long warmupRecords = Long.parseLong(args[5]);
        Map<String, Object> client = new HashMap<>();
        if (!args[6].equals("-")) {
            client.putAll(ExternalKafka.propertiesFrom(Path.of(args[6])));
        }
        client.put("bootstrap.servers", bootstrap);

        Map<String, Object> consumerConfig = new HashMap<>(client);
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, throughput ? 5_000 : 500);
        consumerConfig.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        Map<String, Object> producerConfig = new HashMap<>(client);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, throughput ? 5 : 0);
        producerConfig.put(ProducerConfig.BATCH_SIZE_CONFIG, throughput ? 256 * 1024 : 16 * 1024);

        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicLong acked = new AtomicLong();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(),
                     new ByteArraySerializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(in).stream()
                    .map(p -> new TopicPartition(in, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            partitions.forEach(consumer::position);
            producer.partitionsFor(out);
            System.out.println(READY);
            System.out.flush();

            long count = 0;
            long firstNanos = 0;
            long warmNanos = 0;
            long warmCount = 0;
            long lastRecordNanos = System.nanoTime();
            while (!throughput || count < expected) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                long now = System.nanoTime();
                if (records.isEmpty()) {
                    if (throughput && now - lastRecordNanos > STALL.toNanos()) {
                        System.out.println(FAILED + " stalled after " + count + " of " + expected + " records");
                        System.exit(3);
                    }
                    continue;
                }
                lastRecordNanos = now;
                if (firstNanos == 0) {
                    firstNanos = now;
                }
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    producer.send(new ProducerRecord<>(out, r.partition(), null, r.key(), r.value(), r.headers()),
                            (meta, e) -> {
                                if (e != null) {
                                    failure.compareAndSet(null, e);
                                } else {
                                    acked.incrementAndGet();
                                }
                            });
                }
                count += records.count();
                if (warmNanos == 0 && count >= warmupRecords) {
                    warmNanos = System.nanoTime();
                    warmCount = count;
                }
                if (failure.get() != null) {
                    break;
                }
            }
            producer.flush();
            long endNanos = System.nanoTime();
            if (failure.get() != null) {
                System.out.println(FAILED + " " + failure.get());
                System.exit(4);
            }
            System.out.printf("%s records=%d acked=%d warmup_records=%d first_to_warm_ms=%d first_to_end_ms=%d%n", DONE,
                    count, acked.get(), warmCount, (warmNanos - firstNanos) / 1_000_000, (endNanos - firstNanos) / 1_000_000);
            System.out.flush();
        }
    }
}
