package io.streampatterns.benchmarks.e2e;

import io.streampatterns.core.Pipeline;
import io.streampatterns.harness.conformance.fixtures.AvroToJsonFixture;
import io.streampatterns.harness.conformance.fixtures.EnrichmentFixture;
import io.streampatterns.harness.data.EventGenerator;
import io.streampatterns.patterns.PatternBuilder;
import io.streampatterns.patterns.avro.AvroToJsonPipeline;
import io.streampatterns.patterns.avro.LocalSchemaSource;
import io.streampatterns.patterns.enrichment.KafkaEnrichmentPipeline;
import io.streampatterns.patterns.realtime.RealTimeKafkaPipeline;
import io.streampatterns.patterns.routing.MultiTopicRoutingPipeline;
import io.streampatterns.patterns.routing.RoutingRule;
import io.streampatterns.patterns.validation.RealTimeSchemaValidationPipeline;
import io.streampatterns.core.TriggerPolicy;
import java.time.Duration;
import java.util.function.LongFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A pattern as the latency benchmark runs it in Real-Time Mode, built with its own builder and
 * defaults, fed the generator's events, and read back by the {@code seq} of its output's JSON.
 * The projection is the plain Real-Time query every other one is compared with: the same Kafka
 * read and write, and the least work between them.
 */
enum RealTimePatternQuery {
    /** Parse and project to JSON ({@link RealTimeKafkaPipeline}). */
    PROJECTION("projection") {
        @Override
        Pipeline build(BenchEnvironment env, String name, String input, String output, Duration interval) {
            return shared(env, name, input, interval, RealTimeKafkaPipeline.builder())
                    .outputTopic(output).eventSchema(EventGenerator.SCHEMA).build().pipeline();
        }
    },
    /** The broadcast stream-static join with a Delta users table of {@value EventGenerator#USERS} rows. */
    ENRICHMENT("stream-static join") {
        @Override
        Pipeline build(BenchEnvironment env, String name, String input, String output, Duration interval) {
            String users = env.workspace().tablePath(name + "_users");
            EnrichmentFixture.writeDimension(env.spark(), users);
            return shared(env, name, input, interval, KafkaEnrichmentPipeline.builder())
                    .outputTopic(output).eventSchema(EventGenerator.SCHEMA).dimensionTablePath(users).build().pipeline();
        }
    },
    /** The documented three routes; the catch-all's topic is the one measured. */
    ROUTING("multi-topic routing") {
        @Override
        Pipeline build(BenchEnvironment env, String name, String input, String output, Duration interval) {
            return shared(env, name, input, interval, MultiTopicRoutingPipeline.builder())
                    .eventSchema(EventGenerator.SCHEMA)
                    .route(RoutingRule.forward("urgent", "priority = 'high'", env.newTopic(name + "_urgent")))
                    .route(RoutingRule.deadLetter("errors", "event_type = 'error'", env.newTopic(name + "_errors")))
                    .route(RoutingRule.everything("standard", output))
                    .build().pipeline();
        }
    },
    /** Schema validation with a DLQ; every generated event is valid, so all reach the measured topic. */
    VALIDATION("schema validation") {
        @Override
        Pipeline build(BenchEnvironment env, String name, String input, String output, Duration interval) {
            return shared(env, name, input, interval, RealTimeSchemaValidationPipeline.builder())
                    .eventSchema(EventGenerator.SCHEMA).validTopic(output).dlqTopic(env.newTopic(name + "_dlq"))
                    .build().pipeline();
        }
    },
    /** Avro in the Confluent wire format to JSON, decoded record by record on the executors. */
    AVRO("Avro → JSON") {
        @Override
        Pipeline build(BenchEnvironment env, String name, String input, String output, Duration interval) {
            return shared(env, name, input, interval, AvroToJsonPipeline.builder())
                    .outputTopic(output)
                    .confluentWireFormat(LocalSchemaSource.of(AvroToJsonFixture.SCHEMA_ID, AvroToJsonFixture.EVENT_SCHEMA))
                    .readerSchema(AvroToJsonFixture.EVENT_SCHEMA)
                    .dlqTopic(env.newTopic(name + "_dlq"))
                    .build().pipeline();
        }

        @Override
        LongFunction<ProducerRecord<byte[], byte[]>> inputRecords(EventGenerator events, String topic) {
            return seq -> AvroToJsonFixture.framedRecord(topic, events.event(seq));
        }

        @Override
        long inputSeq(byte[] value) {
            return new AvroToJsonFixture().inputSeq(value);
        }
    };

    private final String label;

    RealTimePatternQuery(String label) {
        this.label = label;
    }

    /** For people: "stream-static join". */
    String label() {
        return label;
    }

    /** The pattern reading {@code input} and writing what is measured to {@code output}, in Real-Time Mode. */
    abstract Pipeline build(BenchEnvironment env, String name, String input, String output, Duration interval);

    /** The input records: the generator's JSON events, unless the pattern reads another format. */
    LongFunction<ProducerRecord<byte[], byte[]>> inputRecords(EventGenerator events, String topic) {
        return seq -> {
            ProducerRecord<String, String> json = events.record(topic, seq);
            return new ProducerRecord<>(topic, null, json.key().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    json.value().getBytes(java.nio.charset.StandardCharsets.UTF_8), json.headers());
        };
    }

    /** The seq of an input record's value; -1 when it has none. */
    long inputSeq(byte[] value) {
        return TopicScan.seq(value);
    }

    private static <B extends PatternBuilder<B>> B shared(BenchEnvironment env, String name, String input,
                                                          Duration interval, B builder) {
        return builder.name(name)
                .bootstrapServers(env.kafka().bootstrapServers())
                .kafkaOptions(env.kafka().clientProperties())
                .topic(input)
                .trigger(TriggerPolicy.realTime(interval))
                .checkpointLocation(env.workspace().checkpointPath(name));
    }
}
