package io.streampatterns.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streampatterns.core.Capability;
import io.streampatterns.core.Pipeline;
import io.streampatterns.core.StreamingPattern;
import io.streampatterns.core.dlq.KafkaTopicDlq;
import io.streampatterns.core.kafka.KafkaSink;
import io.streampatterns.core.kafka.KafkaSource;
import io.streampatterns.core.kafka.SaslSslSecurity;
import io.streampatterns.core.secrets.SecretProvider;
import io.streampatterns.patterns.avro.AvroToJsonPipeline;
import io.streampatterns.patterns.enrichment.KafkaEnrichmentPipeline;
import io.streampatterns.patterns.metrics.WindowedMetricsPipeline;
import io.streampatterns.patterns.realtime.RealTimeKafkaPipeline;
import io.streampatterns.patterns.secured.SecuredKafkaPipeline;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The names replaced in 0.2.0 still do what they did, for one release: each test calls an alias.
 * Remove a test with its alias.
 */
@SuppressWarnings("removal")
class DeprecatedAliasesTest {
    private static final StructType SCHEMA = PatternBuildersTest.SCHEMA;
    private static final String AVRO = PatternBuildersTest.AVRO;

    private static KafkaEnrichmentPipeline.Builder enrichment() {
        return KafkaEnrichmentPipeline.builder().bootstrapServers("127.0.0.1:9092").outputTopic("out")
                .eventSchema(SCHEMA).dimensionTablePath("/tmp/aliases/users").checkpointLocation("/tmp/aliases/cp");
    }

    private static WindowedMetricsPipeline.Builder metrics() {
        return WindowedMetricsPipeline.builder().bootstrapServers("127.0.0.1:9092").outputTopic("out")
                .eventSchema(SCHEMA).checkpointLocation("/tmp/aliases/cp");
    }

    private static AvroToJsonPipeline.Builder avro() {
        return AvroToJsonPipeline.builder().bootstrapServers("127.0.0.1:9092").topic("in").outputTopic("out")
                .avroSchema(AVRO).checkpointLocation("/tmp/aliases/cp");
    }

    private static Map<String, String> sourceOptions(StreamingPattern pattern) {
        return ((KafkaSource) pattern.pipeline().source()).sparkOptions();
    }

    private static Map<String, String> sinkOptions(StreamingPattern pattern) {
        return ((KafkaSink) pattern.pipeline().sink()).sparkOptions();
    }

    @Test
    void inputTopicIsTheInputTopic() {
        SaslSslSecurity security = SaslSslSecurity.builder(SecretProvider.environment("KAFKA_",
                Map.of("KAFKA_USERNAME", "alice", "KAFKA_PASSWORD", "pw"))).build();
        List<StreamingPattern> patterns = List.of(
                enrichment().inputTopic("clicks").build(),
                metrics().inputTopic("clicks").build(),
                AvroToJsonPipeline.builder().bootstrapServers("127.0.0.1:9092").inputTopic("clicks").outputTopic("out")
                        .avroSchema(AVRO).checkpointLocation("/tmp/aliases/cp").build(),
                RealTimeKafkaPipeline.builder().bootstrapServers("127.0.0.1:9092").inputTopic("clicks")
                        .outputTopic("out").eventSchema(SCHEMA).checkpointLocation("/tmp/aliases/cp").build(),
                SecuredKafkaPipeline.builder().bootstrapServers("127.0.0.1:9093").inputTopic("clicks")
                        .outputTopic("out").eventSchema(SCHEMA).security(security)
                        .checkpointLocation("/tmp/aliases/cp").build());

        assertThat(patterns).allSatisfy(pattern -> {
            assertThat(sourceOptions(pattern)).containsEntry("subscribe", "clicks");
            assertThat(pattern.pipeline().name()).endsWith("_clicks");
        });
    }

    /** consumerOption is for the source only, producerOption for the sink only. */
    @Test
    void perClientOptionsAreForTheirClientOnly() {
        List<StreamingPattern> patterns = List.of(
                enrichment().topic("in").consumerOption("fetch.max.bytes", "1048576").producerOption("linger.ms", "20")
                        .build(),
                metrics().topic("in").consumerOption("kafka.fetch.max.bytes", "1048576")
                        .producerOption("kafka.linger.ms", "20").build());

        assertThat(patterns).allSatisfy(pattern -> {
            assertThat(sourceOptions(pattern)).containsEntry("kafka.fetch.max.bytes", "1048576")
                    .doesNotContainKey("kafka.linger.ms");
            assertThat(sinkOptions(pattern)).containsEntry("kafka.linger.ms", "20")
                    .doesNotContainKey("kafka.fetch.max.bytes");
        });
    }

    @Test
    void deadLetterTopicIsTheDeadLetterTopic() {
        Pipeline pipeline = avro().dlq(new KafkaTopicDlq(KafkaSink.builder().topic("elsewhere").build()))
                .deadLetterTopic("orders_dlq").build().pipeline();

        assertThat(pipeline.sink()).hasToString("AvroDecodingSink(" + sinkOf(avro().build()) + ", dead letters to"
                + " KafkaTopicDlq(orders_dlq))");
        assertThat(avro().deadLetterTopic("orders_dlq").build().capabilities()).contains(Capability.DEAD_LETTER_QUEUE);
        assertThatThrownBy(() -> avro().deadLetterTopic(" ").build())
                .hasMessageContaining("dlq topic: expected the output topic's name");
    }

    private static String sinkOf(StreamingPattern pattern) {
        return pattern.pipeline().sink().toString();
    }
}
