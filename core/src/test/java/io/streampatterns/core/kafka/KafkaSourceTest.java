package io.streampatterns.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaSourceTest {

    private static KafkaSource.Builder valid() {
        return KafkaSource.builder().bootstrapServers("127.0.0.1:9092,127.0.0.1:9093").subscribe("events");
    }

    @Test
    void aValidSourceHasNoProblemsAndDefaultsToEarliest() {
        KafkaSource source = valid().maxOffsetsPerTrigger(50_000).minPartitions(6).build();

        assertThat(source.validate()).isEmpty();
        assertThat(source.sparkOptions())
                .containsEntry("kafka.bootstrap.servers", "127.0.0.1:9092,127.0.0.1:9093")
                .containsEntry("subscribe", "events")
                .containsEntry("startingOffsets", "earliest")
                .containsEntry("maxOffsetsPerTrigger", "50000")
                .containsEntry("minPartitions", "6")
                .containsEntry("failOnDataLoss", "true");
    }

    @Test
    void noBootstrapServersIsNamed() {
        assertThat(KafkaSource.builder().subscribe("events").build().validate())
                .containsExactly("kafka.bootstrap.servers: expected host:port[,host:port...], got nothing");
    }

    @Test
    void aServerWithoutPortIsNamed() {
        assertThat(KafkaSource.builder().bootstrapServers("broker1").subscribe("t").build().validate())
                .singleElement().asString().contains("expected host:port, got 'broker1'");
    }

    @Test
    void noTopicIsNamed() {
        assertThat(KafkaSource.builder().bootstrapServers("h:1").build().validate())
                .containsExactly("topic: expected one of subscribe, subscribePattern or assign, got none");
    }

    @Test
    void twoTopicSelectionsAreRefused() {
        assertThat(valid().subscribePattern("ev.*").build().validate())
                .singleElement().asString().contains("exactly one of").contains("subscribe and subscribePattern");
    }

    @Test
    void nonPositiveLimitsAreNamed() {
        assertThat(valid().maxOffsetsPerTrigger(0).minPartitions(-1).build().validate())
                .anySatisfy(p -> assertThat(p).startsWith("maxOffsetsPerTrigger: expected a positive"))
                .anySatisfy(p -> assertThat(p).startsWith("minPartitions: expected a positive"));
    }

    @Test
    void perPartitionStartingOffsetsAreChecked() {
        assertThat(valid().startingOffsets(StartingOffsets.of("events", Map.of(0, 23L, 1, -2L))).build().validate())
                .isEmpty();
        assertThat(valid().startingOffsets(StartingOffsets.json("{\"events\":{\"zero\":1}}")).build().validate())
                .singleElement().asString().startsWith("startingOffsets: expected earliest, latest or JSON");
        assertThat(valid().startingOffsets(StartingOffsets.json("not json")).build().validate()).hasSize(1);
    }

    @Test
    void propertiesSparkManagesAreRefused() {
        assertThat(valid().kafkaOption("kafka.enable.auto.commit", "true").build().validate())
                .singleElement().asString().startsWith("kafka.enable.auto.commit: Spark's Kafka connector manages");
    }

    @Test
    void passThroughAndSecurityBecomeKafkaOptions() {
        KafkaSource source = valid()
                .kafkaOption("fetch.max.bytes", "1048576")
                .security(() -> Map.of("security.protocol", "SASL_SSL"))
                .build();

        assertThat(source.sparkOptions())
                .containsEntry("kafka.fetch.max.bytes", "1048576")
                .containsEntry("kafka.security.protocol", "SASL_SSL");
    }
}
