package io.streampatterns.chaos.scenario;

import java.util.List;

/**
 * The scenarios {@code make chaos} runs, each written once as a script and applied to every pattern.
 * A new scenario is one more entry here.
 *
 * <p>Sizing: about 30 s of production per scenario at the default rate, so the whole set runs on a
 * 2-core machine against two patterns in under 25 minutes. A broker restart takes 12-15 s there and a
 * driver restart (a new JVM, Spark, the checkpoint) 15-30 s; the scripts leave room for both.
 */
public final class ChaosScenarios {

    private ChaosScenarios() {
    }

    /** Every scenario of the full run, in the order they run. */
    public static List<ChaosScenario> all() {
        return List.of(
                ChaosScenario.parse("broker-kill-controller",
                        "SIGKILL the active KRaft controller mid-stream; restart it 12 s later.",
                        "produce 30s; at 8s..14s kill broker:controller; +12s start broker:controller; await in-sync"),
                ChaosScenario.parse("broker-kill-leader",
                        "SIGKILL the leader of the input's busiest partition mid-stream; restart it 12 s later.",
                        "produce 30s; at 8s..14s kill broker:leader; +12s start broker:leader; await in-sync"),
                ChaosScenario.parse("broker-kill-txn-coordinator",
                        "SIGKILL the coordinator of the pipeline's Kafka transactions mid-batch; restart it 12 s later "
                                + "(only for a pipeline writing Kafka transactions).",
                        "produce 30s; at 8s..14s mid-batch kill broker:txn-coordinator; +12s start broker:txn-coordinator; "
                                + "await in-sync"),
                ChaosScenario.parse("rolling-restart",
                        "Stop (SIGTERM) and restart every broker in turn, waiting for full ISR before the next.",
                        """
                        produce 30s
                        at 6s..9s stop broker:1; start broker:1; await in-sync
                        +2s stop broker:2; start broker:2; await in-sync
                        +2s stop broker:3; start broker:3; await in-sync
                        """),
                ChaosScenario.parse("broker-pause",
                        "SIGSTOP the busiest partition's leader for 8 s (its session timeout is 3 s), then SIGCONT.",
                        "produce 30s; at 8s..14s pause broker:leader; +8s resume broker:leader; await in-sync"),
                ChaosScenario.parse("driver-kill",
                        "SIGKILL the driver JVM three times at random moments with a batch in flight; "
                                + "restart it from the checkpoint each time.",
                        """
                        produce 30s
                        at 6s..12s mid-batch kill driver; +1s start driver
                        +3s..8s mid-batch kill driver; +1s start driver
                        +3s..8s mid-batch kill driver; +1s start driver
                        """),
                ChaosScenario.parse("executor-kill",
                        "SIGKILL an executor JVM of the pipeline mid-batch, twice; the cluster launches replacements "
                                + "(on SPARK_CLUSTER=standalone only; Real-Time Mode: during its long-running batch).",
                        "produce 30s; at 6s..10s mid-batch kill executor; +8s..12s mid-batch kill executor"),
                ChaosScenario.parse("worker-kill",
                        "SIGKILL the Spark worker running most of the pipeline's executors mid-batch (they die with "
                                + "it); restart it 10 s later (on SPARK_CLUSTER=standalone only).",
                        "produce 30s; at 6s..10s mid-batch kill worker:busiest; +10s start worker:busiest"),
                ChaosScenario.parse("combined",
                        "SIGKILL the busiest partition's leader, then the driver mid-batch while the broker is down; "
                                + "restart both.",
                        "produce 30s; at 6s..10s kill broker:leader; +2s..5s mid-batch kill driver; +1s start driver; "
                                + "start broker:leader; await in-sync"));
    }

    /**
     * The smoke version that runs in {@code make test}: one broker kill and one driver kill, in one
     * short run.
     */
    public static ChaosScenario smoke() {
        return ChaosScenario.parse("smoke",
                "SIGKILL the busiest partition's leader, then the driver mid-batch; restart both.",
                "produce 20s; at 5s..8s kill broker:leader; +2s..4s mid-batch kill driver; +1s start driver; "
                        + "start broker:leader; await in-sync");
    }

    /** The scenario called {@code name}, from {@link #all()} or the smoke one. */
    public static ChaosScenario named(String name) {
        if (name.equals("smoke")) {
            return smoke();
        }
        return all().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no chaos scenario named '" + name + "'; known: "
                        + all().stream().map(ChaosScenario::name).toList() + " and smoke"));
    }
}
