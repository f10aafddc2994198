package io.streampatterns.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.streampatterns.chaos.measure.FaultMarker;
import io.streampatterns.chaos.scenario.ChaosScenarios;
import io.streampatterns.core.Sink.DeliveryGuarantee;
import io.streampatterns.harness.conformance.ConformanceEnvironment;
import io.streampatterns.harness.conformance.fixtures.PatternSuites;
import io.streampatterns.harness.data.EventGenerator;
import io.streampatterns.harness.delta.DeltaWorkspace;
import io.streampatterns.harness.junit.KafkaClusterConfig;
import io.streampatterns.harness.kafka.KafkaCluster;
import io.streampatterns.harness.spark.LocalSpark;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The chaos smoke run of {@code make test}: one broker kill and one driver kill against the bronze
 * pattern (Kafka to Delta, exactly-once) on a real 3-node cluster. The full set runs in {@code make chaos}.
 */
@KafkaClusterConfig(brokers = 3)
class ChaosSmokeIT {
    /** Fixed, so the plan is the same in every build; CHAOS_SEED overrides it to repeat another. */
    private static final long DEFAULT_SEED = 20_261_121L;

    /**
     * Purpose: prove that SIGKILL of the busiest partition's leader, and then of the driver JVM with a
     * batch in flight, loses nothing acknowledged and writes nothing twice into Delta.
     *
     * <p>How: the smoke scenario ({@link ChaosScenarios#smoke()}) runs against bronze: its driver in a
     * child JVM, a producer writing 500 sequence-numbered events/s with acks=all; once the pipeline is
     * warm (a batch committed, caught up) the leader is killed, then the driver mid-batch; the driver restarts from its
     * checkpoint, the broker restarts, production stops and the pipeline catches up; the Delta table is
     * read back and compared with the acknowledged seqs.
     *
     * <p>Pass: the scenario passes; 0 lost and 0 duplicated over a positive number of acknowledged
     * records; the timeline holds both kills, each recovered from (the output grew again); every node
     * runs at the end.
     */
    @Test
    void aBrokerKillAndADriverKillLoseNothingIntoDelta(KafkaCluster cluster) {
        long seed = Long.parseLong(System.getenv().getOrDefault("CHAOS_SEED", Long.toString(DEFAULT_SEED)));
        try (DeltaWorkspace workspace = DeltaWorkspace.create()) {
            // 1. An environment on the 3-node cluster: Spark, a Delta workspace, seeded events
            ConformanceEnvironment env = new ConformanceEnvironment(cluster, LocalSpark.session(), workspace,
                    new EventGenerator(seed), "smoke");
            ChaosRunner runner = new ChaosRunner(cluster, env, ChaosSettings.withSeed(seed), System.out,
                    Path.of("target", "chaos-smoke", "logs"));

            // 2. The smoke scenario against bronze
            System.out.println("chaos smoke, seed " + seed + ": " + ChaosScenarios.smoke().script());
            ScenarioResult result = runner.run(PatternSuites.fixture("bronze"), ChaosScenarios.smoke());
            System.out.println("chaos smoke: " + result.status() + " " + result.keyFigures() + "; " + result.message());

            // 3. Nothing acknowledged lost, nothing twice, both faults struck and were recovered from
            assertThat(result.status()).as(result.message()).isEqualTo(ScenarioResult.Status.PASS);
            assertThat(result.guarantee()).isEqualTo(DeliveryGuarantee.EXACTLY_ONCE);
            assertThat(result.verdict().acknowledged()).isPositive();
            assertThat(result.verdict().lost()).as("acknowledged but not in the table").isZero();
            assertThat(result.verdict().duplicates()).as("rows written twice").isZero();
            assertThat(result.timeline().faults()).extracting(FaultMarker::label)
                    .anyMatch(label -> label.startsWith("kill broker"))
                    .anyMatch(label -> label.startsWith("kill driver"));
            assertThat(result.recoveries()).allSatisfy(recovery -> assertThat(recovery.millis()).isPresent());
            assertThat(result.driverStarts()).isGreaterThanOrEqualTo(2);
            assertThat(cluster.nodeIds()).allMatch(cluster::isRunning);
        }
    }
}
