package io.streampatterns.harness.conformance.checks;

import io.streampatterns.core.Checkpoint;
import io.streampatterns.harness.conformance.ConformanceCheck;
import io.streampatterns.harness.conformance.ConformanceEnvironment;
import io.streampatterns.harness.conformance.DeliveryVerdict;
import io.streampatterns.harness.conformance.Outcome;
import io.streampatterns.harness.conformance.PipelineUnderTest;
import io.streampatterns.harness.conformance.TestRun;
import io.streampatterns.harness.driver.DriverProcess;
import io.streampatterns.core.Capability;
import java.util.Optional;

/**
 * Purpose: a driver that dies mid-batch loses nothing, and an exactly-once pipeline writes nothing
 * twice. How: the pipeline runs in a child JVM; it is killed with SIGKILL while a micro-batch is
 * planned (its offsets in the checkpoint) but not committed, preferably once that batch's output has
 * become visible (the moment at which a sink without idempotence writes twice on replay); the
 * pipeline restarts from the checkpoint in this JVM and catches up. Pass: the output holds every
 * event as the guarantee requires (exactly-once: once; at-least-once: at least once, duplicates counted).
 */
public final class DriverCrashCheck implements ConformanceCheck {
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
    public Optional<String> notApplicableBecause(PipelineUnderTest pipeline) {
        return Checks.requiresRestartAndSeqs(pipeline);
    }

    @Override
    public Outcome run(PipelineUnderTest pipeline, ConformanceEnvironment env) throws Exception {
        Optional<Outcome> unrestartable = Checks.unrestartable(pipeline);
        if (unrestartable.isPresent()) {
            return unrestartable.get();
        }
        // 1. Input, and a batch cap (where the pipeline has one) so the run spans many batches.
        TestRun run = env.newRun(pipeline, name());
        if (pipeline.capabilities().contains(Capability.CAPPED_BATCHES)) {
            run = run.withMaxOffsetsPerTrigger(cap);
        }
        pipeline.produce(run, 0, events);
        // 2. Run in a child JVM and kill it with SIGKILL while a batch is planned but not committed.
        MidBatchKill kill;
        try (DriverProcess driver = DriverProcess.start(pipeline, run)) {
            kill = MidBatchKill.during(driver, run, pipeline.output(run));
            if (!kill.killed()) {
                return Outcome.fail("the driver JVM died by itself before it could be killed:\n" + driver.tail(), "driver died");
            }
        }
        long committedBeforeKill = Checkpoint.at(run.checkpointLocation(), new org.apache.hadoop.conf.Configuration())
                .latestCommittedBatch().orElse(-1L);
        // 3. Restart from the checkpoint and catch up.
        long reread = Checks.rowsRead(Checks.runUntilCaughtUp(pipeline, run));
        // 4. Everything is there, as promised.
        DeliveryVerdict verdict = DeliveryVerdict.of(pipeline.deliveryGuarantee(), 0, events, Checks.outputSeqs(pipeline, run));
        return Outcome.of(verdict.passed(), "killed with batch " + kill.batch() + " planned" + (kill.afterOutput()
                                ? " and its output visible" : "") + ", " + committedBeforeKill + " committed; "
                                + pipeline.deliveryGuarantee() + ": " + verdict.describe(),
                        "killed in batch " + kill.batch() + ", " + Checks.received(verdict.received(), events, verdict.duplicates()))
                .figure("killed_in_batch", kill.batch())
                .figure("killed_after_output", kill.afterOutput())
                .figure("committed_before_kill", committedBeforeKill)
                .figure("restart_read", reread)
                .figure("sent", events)
                .figure("written", verdict.received())
                .figure("missing", verdict.missing().size())
                .figure("duplicates", verdict.duplicates());
    }
}
