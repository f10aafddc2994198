package io.streampatterns.chaos.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streampatterns.core.Sink.DeliveryGuarantee;
import io.streampatterns.harness.conformance.Lineage;
import io.streampatterns.harness.conformance.OutputLocation;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Scenario scripts are read into steps, and a wrong script is refused with a message naming the statement. */
class ChaosScenarioTest {

    /**
     * Purpose: every form of a step is read as written.
     *
     * <p>How: 1. parse a script with a production time, an absolute fixed time, an absolute random
     * window, a relative time, a mid-batch step, a step without a time, and an await; 2. look at each step.
     *
     * <p>Pass: production is 40 s; times, windows, mid-batch, actions and targets are those written;
     * a step without a time runs right after the previous one.
     */
    @Test
    void readsEveryFormOfStep() {
        // 1. A script using every form
        ChaosScenario scenario = ChaosScenario.parse("all-forms", "every form", """
                produce 40s
                # a comment line
                at 10s kill broker:controller; at 8s..14s pause broker:leader
                +1.5s resume broker:leader
                +4s..10s mid-batch kill driver; start driver
                +500ms stop broker:2; await in-sync
                """);

        // 2. Each step as written
        assertThat(scenario.production()).isEqualTo(Duration.ofSeconds(40));
        assertThat(scenario.steps()).hasSize(7);
        FaultStep first = scenario.steps().get(0);
        assertThat(first.when()).isEqualTo(new StepTime(false, Duration.ofSeconds(10), Duration.ofSeconds(10), false));
        assertThat(first.action()).isEqualTo(FaultAction.KILL);
        assertThat(first.target().kind()).isEqualTo(FaultTarget.Kind.BROKER_CONTROLLER);
        assertThat(scenario.steps().get(1).when().isRandom()).isTrue();
        assertThat(scenario.steps().get(1).when().latest()).isEqualTo(Duration.ofSeconds(14));
        assertThat(scenario.steps().get(2).when()).isEqualTo(new StepTime(true, Duration.ofMillis(1500), Duration.ofMillis(1500), false));
        assertThat(scenario.steps().get(3).when().midBatch()).isTrue();
        assertThat(scenario.steps().get(3).target()).isEqualTo(FaultTarget.driver());
        assertThat(scenario.steps().get(4).when()).isEqualTo(StepTime.NEXT);
        assertThat(scenario.steps().get(5).target()).isEqualTo(FaultTarget.broker(2));
        assertThat(scenario.steps().get(6).action()).isEqualTo(FaultAction.AWAIT);
        assertThat(scenario.faultCount()).isEqualTo(4);
    }

    /**
     * Purpose: a script written back and read again is the same scenario.
     *
     * <p>How: 1. parse each catalogue scenario; 2. parse its {@code script()} again.
     *
     * <p>Pass: the two are equal, and every catalogue scenario has at least one fault.
     */
    @Test
    void theCatalogueReadsAndWritesBackUnchanged() {
        for (ChaosScenario scenario : ChaosScenarios.all()) {
            // 1-2. Parse, write back, parse again
            ChaosScenario again = ChaosScenario.parse(scenario.name(), scenario.description(), scenario.script());

            assertThat(again).as(scenario.name()).isEqualTo(scenario);
            assertThat(scenario.faultCount()).as(scenario.name()).isPositive();
        }
        assertThat(ChaosScenarios.named("smoke").faultCount()).isEqualTo(2);
    }

    /**
     * Purpose: the catalogue covers what the issue asks for.
     *
     * <p>How: look up each scenario by name and count its kinds of faults.
     *
     * <p>Pass: a controller kill, a leader kill, a rolling restart stopping all three nodes, a pause,
     * a driver killed several times, a broker kill with a driver kill in one run, and a kill of the
     * transaction coordinator, the only scenario that needs a pipeline writing Kafka transactions.
     */
    @Test
    void theCatalogueCoversEveryKindOfFault() {
        assertThat(ChaosScenarios.named("broker-kill-controller").steps()).anyMatch(s ->
                s.action() == FaultAction.KILL && s.target().kind() == FaultTarget.Kind.BROKER_CONTROLLER);
        assertThat(ChaosScenarios.named("broker-kill-leader").steps()).anyMatch(s ->
                s.action() == FaultAction.KILL && s.target().kind() == FaultTarget.Kind.BROKER_LEADER);
        assertThat(ChaosScenarios.named("rolling-restart").steps().stream()
                .filter(s -> s.action() == FaultAction.STOP).map(s -> s.target().nodeId()).toList())
                .containsExactly(1, 2, 3);
        assertThat(ChaosScenarios.named("broker-pause").steps()).anyMatch(s -> s.action() == FaultAction.PAUSE);
        assertThat(ChaosScenarios.named("driver-kill").steps().stream()
                .filter(s -> s.action() == FaultAction.KILL && s.target().equals(FaultTarget.driver())).count())
                .isGreaterThanOrEqualTo(3);
        assertThat(ChaosScenarios.named("combined").steps())
                .anyMatch(s -> s.action() == FaultAction.KILL && s.target().isBroker())
                .anyMatch(s -> s.action() == FaultAction.KILL && s.target().equals(FaultTarget.driver()));
        ChaosScenario coordinatorKill = ChaosScenarios.named("broker-kill-txn-coordinator");
        assertThat(coordinatorKill.steps()).anyMatch(s -> s.action() == FaultAction.KILL
                && s.target().kind() == FaultTarget.Kind.BROKER_TXN_COORDINATOR && s.when().midBatch());
        assertThat(ChaosScenarios.all()).filteredOn(ChaosScenario::needsKafkaTransactions).containsExactly(coordinatorKill);
        assertThat(ChaosScenarios.named("executor-kill").steps()).filteredOn(s -> s.action() == FaultAction.KILL
                && s.target().kind() == FaultTarget.Kind.EXECUTOR && s.when().midBatch()).hasSize(2);
        assertThat(ChaosScenarios.named("worker-kill").steps()).anyMatch(s -> s.action() == FaultAction.KILL
                && s.target().kind() == FaultTarget.Kind.WORKER_BUSIEST).anyMatch(s -> s.action() == FaultAction.START
                && s.target().kind() == FaultTarget.Kind.WORKER_BUSIEST);
        assertThat(ChaosScenarios.all()).filteredOn(ChaosScenario::needsSparkCluster).extracting(ChaosScenario::name)
                .containsExactly("executor-kill", "worker-kill");
    }

    /**
     * Purpose: the transaction coordinator is killed only in a pipeline that has one; every other
     * scenario applies to any pipeline.
     *
     * <p>How: ask the coordinator kill and the driver kill about a Delta table, an at-least-once
     * Kafka topic and an exactly-once Kafka topic.
     *
     * <p>Pass: the coordinator kill refuses the first two, naming the output and the guarantee, and
     * applies to the third; the driver kill applies to all three.
     */
    @Test
    void aCoordinatorKillNeedsAPipelineWritingKafkaTransactions() {
        ChaosScenario coordinatorKill = ChaosScenarios.named("broker-kill-txn-coordinator");
        OutputLocation table = OutputLocation.deltaTable("/tables/bronze", "seq");
        OutputLocation topic = OutputLocation.kafkaTopic("enriched", Lineage.jsonField("seq"));

        assertThat(coordinatorKill.notApplicableBecause(table, DeliveryGuarantee.EXACTLY_ONCE)).hasValueSatisfying(why ->
                assertThat(why).contains("writes no Kafka transactions").contains("Delta table /tables/bronze"));
        assertThat(coordinatorKill.notApplicableBecause(topic, DeliveryGuarantee.AT_LEAST_ONCE)).hasValueSatisfying(why ->
                assertThat(why).contains("Kafka topic enriched").contains("AT_LEAST_ONCE"));
        assertThat(coordinatorKill.notApplicableBecause(topic, DeliveryGuarantee.EXACTLY_ONCE)).isEmpty();
        ChaosScenario driverKill = ChaosScenarios.named("driver-kill");
        assertThat(driverKill.notApplicableBecause(table, DeliveryGuarantee.EXACTLY_ONCE)).isEmpty();
        assertThat(driverKill.notApplicableBecause(topic, DeliveryGuarantee.AT_LEAST_ONCE)).isEmpty();
    }

    /**
     * Purpose: a wrong script fails when it is read, saying which scenario, which statement and what was expected.
     *
     * <p>How: parse scripts with an unknown action, an unknown target, a node that does not exist, an
     * action the target does not accept, a bad duration, a backward window and a missing target.
     *
     * <p>Pass: each throws IllegalArgumentException whose message names the statement and the problem.
     */
    @Test
    void aWrongScriptIsRefusedWithWordsThatSayWhy() {
        assertThatThrownBy(() -> ChaosScenario.parse("bad", "", "at 5s kil driver"))
                .hasMessageContaining("scenario 'bad', statement 'at 5s kil driver'")
                .hasMessageContaining("unknown action 'kil'");
        assertThatThrownBy(() -> ChaosScenario.parse("bad", "", "at 5s kill borker:1"))
                .hasMessageContaining("unknown target 'borker:1'");
        assertThatThrownBy(() -> ChaosScenario.parse("bad", "", "at 5s kill broker:4"))
                .hasMessageContaining("node 4 does not exist");
        assertThatThrownBy(() -> ChaosScenario.parse("bad", "", "at 5s pause driver"))
                .hasMessageContaining("cannot pause driver");
        assertThatThrownBy(() -> ChaosScenario.parse("bad", "", "at 5s start executor"))
                .as("the cluster replaces a killed executor itself").hasMessageContaining("cannot start executor");
        assertThatThrownBy(() -> ChaosScenario.parse("bad", "", "at 5 kill driver"))
                .hasMessageContaining("duration '5'");
        assertThatThrownBy(() -> ChaosScenario.parse("bad", "", "at 9s..4s kill driver"))
                .hasMessageContaining("must run forward");
        assertThatThrownBy(() -> ChaosScenario.parse("bad", "", "+2s kill"))
                .hasMessageContaining("expected '[at <time> | +<time>] [mid-batch] <action> <target>'");
        assertThatThrownBy(() -> ChaosScenario.parse("bad", "", "produce 10s; produce 20s"))
                .hasMessageContaining("production is already set");
    }
}
