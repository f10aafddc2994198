package io.streampatterns.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streampatterns.harness.data.Event;
import io.streampatterns.harness.data.EventGenerator;
import io.streampatterns.harness.delta.DeltaTableReader;
import io.streampatterns.harness.junit.KafkaClusterConfig;
import io.streampatterns.harness.kafka.KafkaCluster;
import io.streampatterns.harness.kafka.TopicReader;
import io.streampatterns.harness.spark.LocalSpark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code streampatterns run} starting patterns from configuration files on a real broker: bronze into a
 * Delta table, routing into the topics its route keys name.
 */
@KafkaClusterConfig(brokers = 1)
class RunCommandIT {
    private static final EventGenerator EVENTS = new EventGenerator(11);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /**
     * Purpose: a team runs a pattern from a file, without writing Java.
     * How: 500 events in a 2-partition topic; a bronze configuration with trigger=availableNow and
     * batches of at most 200; run --master local[2].
     * Pass: exit 0, and the Delta table holds each of the 500 seqs once.
     */
    @Test
    void runsBronzeFromItsConfiguration(KafkaCluster kafka) throws Exception {
        // 1. Input
        kafka.createTopic("clicks", 2);
        try (KafkaProducer<String, String> producer = kafka.newProducer(Map.of())) {
            EVENTS.publish(producer, "clicks", 0, 500);
        }
        Path table = dir.resolve("bronze_clicks");
        Path config = write(kafka, "bronze.properties", "pattern=bronze", "name=bronze_clicks", "topic=clicks",
                "tablePath=" + table, "checkpointLocation=" + dir.resolve("cp"), "trigger=availableNow",
                "maxOffsetsPerTrigger=200", "eventSchema=" + EventGenerator.SCHEMA.toDDL());

        // 2. Run until caught up
        CliRun run = CliRun.of("run", "--master", "local[2]", config.toString());

        // 3. Every event once
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("run: starting bronze", "run: the query ended");
        long[] seqs = new DeltaTableReader(LocalSpark.session(), table.toString()).seqs();
        Arrays.sort(seqs);
        assertThat(seqs).containsExactly(LongStream.range(0, 500).toArray());
    }

    /**
     * Purpose: a pattern whose options are structured runs from a file: routing, a key per route.
     * How: 300 events in a 2-partition topic; route.orders-urgent=priority = 'high',
     * deadLetterRoute.orders-errors=event_type = 'error', route.orders-all=true (every event), in Kafka
     * transactions (exactlyOnce=true), trigger=availableNow, batches of at most 200; run --master local[2].
     * Pass: exit 0; read_committed, orders-all holds each event once as it was sent, orders-urgent
     * exactly the high-priority ones as sent, orders-errors a REJECTED_BY_RULE dead letter of each error event.
     */
    @Test
    void runsRoutingFromARouteKeyPerTopic(KafkaCluster kafka) throws Exception {
        // 1. Input, and the routes' topics
        kafka.createTopic("orders", 2);
        for (String topic : List.of("orders-urgent", "orders-errors", "orders-all")) {
            kafka.createTopic(topic, 1);
        }
        try (KafkaProducer<String, String> producer = kafka.newProducer(Map.of())) {
            EVENTS.publish(producer, "orders", 0, 300);
        }
        Path config = write(kafka, "routing.properties", "pattern=routing", "name=route_orders", "topic=orders",
                "eventSchema=" + EventGenerator.SCHEMA.toDDL(), "route.orders-urgent=priority = 'high'",
                "deadLetterRoute.orders-errors=event_type = 'error'", "route.orders-all=true", "exactlyOnce=true",
                "checkpointLocation=" + dir.resolve("cp-routing"), "trigger=availableNow", "maxOffsetsPerTrigger=200");

        // 2. Run until caught up
        CliRun run = CliRun.of("run", "--master", "local[2]", config.toString());
        assertThat(run.exit()).as(run.out() + run.err()).isZero();

        // 3. Each topic holds what its route selects, as sent
        List<Event> sent = LongStream.range(0, 300).mapToObj(EVENTS::event).toList();
        assertThat(values(kafka, "orders-all")).containsExactlyInAnyOrderElementsOf(sent.stream().map(Event::toJson).toList());
        assertThat(values(kafka, "orders-urgent")).containsExactlyInAnyOrderElementsOf(
                sent.stream().filter(e -> e.priority().equals("high")).map(Event::toJson).toList());
        List<JsonNode> deadLetters = new ArrayList<>();
        for (String value : values(kafka, "orders-errors")) {
            deadLetters.add(JSON.readTree(value));
        }
        assertThat(deadLetters).allSatisfy(letter -> assertThat(letter.path("reason").asText()).isEqualTo("REJECTED_BY_RULE"));
        assertThat(deadLetters).extracting(letter -> letter.path("original_value").asText())
                .containsExactlyInAnyOrderElementsOf(sent.stream().filter(e -> e.eventType().equals("error"))
                        .map(Event::toJson).toList())
                .isNotEmpty();
    }

    /**
     * Purpose: a bad configuration never starts a query. How: a trigger of 40s under an sla of 90s,
     * then a routing route whose condition is not SQL. Pass: exit 1 naming trigger and "not started",
     * no checkpoint written; then exit 1 naming the route's key, and still no checkpoint.
     */
    @Test
    void refusesABadConfigurationBeforeAnythingStarts(KafkaCluster kafka) throws Exception {
        Path checkpoint = dir.resolve("cp-bad");
        Path overSla = write(kafka, "slow.properties", "pattern=bronze", "topic=clicks", "tablePath=" + dir.resolve("t"),
                "checkpointLocation=" + checkpoint, "sla=90s", "trigger=40s", "maxOffsetsPerTrigger=200",
                "eventSchema=" + EventGenerator.SCHEMA.toDDL());
        CliRun slow = CliRun.of("run", "--offline", "--master", "local[2]", overSla.toString());
        assertThat(slow.exit()).isEqualTo(1);
        assertThat(slow.err()).contains("trigger: 40s is longer than a third of sla 1m30s", "run: not started, 1 lint problem(s)");
        assertThat(checkpoint).doesNotExist();

        Path routing = write(kafka, "routing.properties", "pattern=routing", "topic=clicks", "checkpointLocation=" + checkpoint,
                "maxOffsetsPerTrigger=200", "eventSchema=" + EventGenerator.SCHEMA.toDDL(), "route.urgent=priority == == 'high'",
                "dropUnmatched=true");
        CliRun badRoute = CliRun.of("run", "--offline", routing.toString());
        assertThat(badRoute.exit()).isEqualTo(1);
        assertThat(badRoute.err()).contains("route.urgent: expected a SQL condition over the event's fields", "run: not started");
        assertThat(checkpoint).doesNotExist();
    }

    /** The values of every committed record of {@code topic}, as text. */
    private static List<String> values(KafkaCluster kafka, String topic) {
        return TopicReader.readAll(kafka, topic).stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
    }

    private Path write(KafkaCluster kafka, String name, String... lines) throws Exception {
        return Files.writeString(dir.resolve(name), "bootstrapServers=" + kafka.bootstrapServers() + "\n"
                + String.join("\n", lines) + "\n");
    }

}
