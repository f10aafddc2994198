package io.streampatterns.harness.conformance.checks;

import io.streampatterns.core.Checkpoint;
import io.streampatterns.harness.conformance.ConformanceCheck;
import io.streampatterns.harness.conformance.ConformanceEnvironment;
import io.streampatterns.harness.conformance.DeliveryVerdict;
import io.streampatterns.harness.conformance.Outcome;
import io.streampatterns.harness.conformance.PipelineUnderTest;
import io.streampatterns.harness.conformance.TestRun;
import io.streampatterns.harness.spark.SparkParallelism;
import io.streampatterns.core.Capability;
import java.util.Optional;

/**
 * Purpose: a driver that dies mid-batch loses nothing, and an exactly-once pipeline writes nothing
 * twice. How: a backlog of events, then the pipeline runs in a child JVM under a steady load; it is
 * killed with SIGKILL while a batch is
 * in flight (not committed), preferably once that batch's output has
 * become visible (the moment at which a sink without idempotence writes twice on replay); the
 * pipeline restarts from the checkpoint in this JVM and catches up. Pass: the output holds every
 * event as the guarantee requires (exactly-once: once; at-least-once: at least once, duplicates counted).
 */
public final class DriverCrashCheck implements ConformanceCheck {
    private final int events;
    private final long cap;
    private final int eventsPerSecond;

    /**
     * @param events the backlog produced before the pipeline starts
     * @param cap the batch cap, where the pipeline has one, so the backlog spans several batches
     * @param eventsPerSecond the load while the driver runs, until it is killed
     */
    public DriverCrashCheck(int events, long cap, int eventsPerSecond) {
        this.events = events;
        this.cap = cap;
        this.eventsPerSecond = eventsPerSecond;
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
        // 2. Run in a child JVM under a steady load; kill it with SIGKILL while a batch is in flight.
        MidBatchKill.Killed killed = MidBatchKill.inChildJvm(pipeline, run, pipeline.output(run), SparkParallelism.DEFAULT,
                events, eventsPerSecond);
        if (killed.diedByItself().isPresent()) {
            return killed.diedByItself().get();
        }
        MidBatchKill kill = killed.kill();
        long sent = events + killed.loaded();
        long committedBeforeKill = Checkpoint.at(run.checkpointLocation(), new org.apache.hadoop.conf.Configuration())
                .latestCommittedBatch().orElse(-1L);
        // 3. Restart from the checkpoint and catch up.
        long reread = Checks.rowsRead(Checks.runUntilCaughtUp(pipeline, run));
        // 4. Everything is there, as promised.
        DeliveryVerdict verdict = DeliveryVerdict.of(pipeline.deliveryGuarantee(), 0, sent, Checks.outputSeqs(pipeline, run));
        return Outcome.of(verdict.passed(), "killed with batch " + kill.batch() + " in flight" + (kill.afterOutput()
                                ? " and its output visible" : "") + ", " + committedBeforeKill + " committed; "
                                + pipeline.deliveryGuarantee() + ": " + verdict.describe(),
                        "killed in batch " + kill.batch() + ", " + Checks.received(verdict.received(), sent, verdict.duplicates()))
                .figure("killed_in_batch", kill.batch())
                .figure("killed_after_output", kill.afterOutput())
                .figure("committed_before_kill", committedBeforeKill)
                .figure("restart_read", reread)
                .figure("sent", sent)
                .figure("written", verdict.received())
                .figure("missing", verdict.missing().size())
                .figure("duplicates", verdict.duplicates());
    }
}
