package io.streampatterns.harness.conformance.checks;

import io.streampatterns.core.Capability;
import io.streampatterns.core.Checkpoint;
import io.streampatterns.core.StreamingPattern;
import io.streampatterns.harness.conformance.ConformanceCheck;
import io.streampatterns.harness.conformance.ConformanceEnvironment;
import io.streampatterns.harness.conformance.DeliveryVerdict;
import io.streampatterns.harness.conformance.Outcome;
import io.streampatterns.harness.conformance.PatternFixture;
import io.streampatterns.harness.conformance.PatternRun;
import io.streampatterns.harness.driver.DriverProcess;
import java.time.Duration;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.awaitility.Awaitility;

/**
 * Purpose: a driver that dies mid-batch loses nothing. How: the pattern runs in a child JVM; once a
 * micro-batch is planned (its offsets in the checkpoint) but not committed, the JVM is killed with
 * SIGKILL; the pattern restarts from the checkpoint in this JVM and catches up. Pass: the output
 * holds every event as the pattern's guarantee requires (exactly-once: once; at-least-once: at
 * least once, duplicates counted).
 */
public final class DriverCrashCheck implements ConformanceCheck {
    private static final Duration MID_BATCH_TIMEOUT = Duration.ofMinutes(2);

    private final int events;
    private final long cap;

    public DriverCrashCheck(int events, long cap) {
        this.events = events;
        this.cap = cap;
    }

    @Override
    public String name() {
        return "crash";
    }

    @Override
    public String description() {
        return "The driver JVM is killed with SIGKILL mid-batch and restarted from the checkpoint: nothing lost, "
                + "nothing twice (exactly-once) or duplicates counted (at-least-once).";
    }

    @Override
    public Optional<String> notApplicableBecause(StreamingPattern pattern) {
        return Checks.requires(pattern, Capability.CHECKPOINT_RESTART, "it does not resume from a checkpoint")
                .or(() -> Checks.requires(pattern, Capability.TRACEABLE_RECORDS,
                        "its output records do not carry the input's seq"));
    }

    @Override
    public Outcome run(PatternFixture fixture, ConformanceEnvironment env) throws Exception {
        // 1. Input, and a batch cap (where the pattern has one) so the run spans many batches.
        PatternRun run = env.newRun(fixture, name());
        StreamingPattern described = fixture.build(run, env);
        if (described.capabilities().contains(Capability.CAPPED_BATCHES)) {
            run = run.withMaxOffsetsPerTrigger(cap);
        }
        fixture.produce(run, env, 0, events);
        // 2. Run in a child JVM and kill it with SIGKILL while a batch is planned but not committed.
        Checkpoint checkpoint = Checkpoint.at(run.checkpointLocation(), new Configuration());
        long killedAt;
        try (DriverProcess driver = DriverProcess.start(fixture, run, env)) {
            Awaitility.await("a batch planned but not committed").atMost(MID_BATCH_TIMEOUT)
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> midBatch(checkpoint) || !driver.isAlive());
            if (!driver.isAlive()) {
                return Outcome.fail("the driver JVM died by itself before it could be killed:\n" + driver.tail(), "driver died");
            }
            driver.kill();
            killedAt = checkpoint.latestPlannedBatch().orElse(-1L);
        }
        long committedBeforeKill = checkpoint.latestCommittedBatch().orElse(-1L);
        // 3. Restart from the checkpoint and catch up.
        StreamingPattern restarted = fixture.build(run, env);
        long reread = Checks.rowsRead(Checks.runUntilCaughtUp(restarted, env));
        // 4. Everything is there, as promised.
        DeliveryVerdict verdict = DeliveryVerdict.of(restarted.deliveryGuarantee(), 0, events, fixture.outputSeqs(run, env));
        return Outcome.of(verdict.passed(), "killed with batch " + killedAt + " planned and " + committedBeforeKill
                        + " committed; " + restarted.deliveryGuarantee() + ": " + verdict.describe(),
                        "killed in batch " + killedAt + ", " + verdict.received() + "/" + events
                                + (verdict.duplicates() > 0 ? " (" + verdict.duplicates() + " dup)" : ""))
                .figure("killed_in_batch", killedAt)
                .figure("committed_before_kill", committedBeforeKill)
                .figure("restart_read", reread)
                .figure("sent", events)
                .figure("written", verdict.received())
                .figure("missing", verdict.missing().size())
                .figure("duplicates", verdict.duplicates());
    }

    private static boolean midBatch(Checkpoint checkpoint) {
        long planned = checkpoint.latestPlannedBatch().orElse(-1L);
        long committed = checkpoint.latestCommittedBatch().orElse(-1L);
        return planned >= 1 && planned > committed;
    }
}
