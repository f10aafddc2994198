package io.streampatterns.harness.conformance.checks;

import io.streampatterns.harness.conformance.AggregateVerdict;
import io.streampatterns.harness.conformance.ConformanceCheck;
import io.streampatterns.harness.conformance.ConformanceEnvironment;
import io.streampatterns.harness.conformance.OutputReaders;
import io.streampatterns.harness.conformance.Outcome;
import io.streampatterns.harness.conformance.PipelineUnderTest;
import io.streampatterns.harness.conformance.TestRun;
import io.streampatterns.harness.conformance.WindowedAggregates;
import io.streampatterns.harness.driver.DriverProcess;
import io.streampatterns.core.Capability;
import java.util.Optional;

/**
 * Purpose: windowed aggregates survive a crash and a restart without losing or double-counting a
 * window. How: events are produced; the job runs in a child JVM that is killed with SIGKILL
 * mid-batch (once that batch's output is visible, where it can be seen); it restarts from the
 * checkpoint here and catches up; it is stopped, more events arrive, and it restarts again. Pass:
 * for every window and group, the latest output record's count and sum equal what the input holds
 * (updates of a window are allowed; the latest wins), and no window is invented.
 */
public final class WindowedAggregatesCheck implements ConformanceCheck {
    private final int eventsPerRound;
    private final long cap;

    public WindowedAggregatesCheck(int eventsPerRound, long cap) {
        this.eventsPerRound = eventsPerRound;
        this.cap = cap;
    }

    @Override
    public String name() {
        return "aggregates";
    }

    @Override
    public String description() {
        return "After a driver kill and a restart, the final count and sum of every window and group equal the input: "
                + "no window lost, none counted twice.";
    }

    @Override
    public Optional<String> notApplicableBecause(PipelineUnderTest pipeline) {
        return Checks.requires(pipeline, Capability.WINDOWED_AGGREGATES, "it writes records, not windowed aggregates")
                .or(() -> Checks.requires(pipeline, Capability.CHECKPOINT_RESTART, "it does not resume from a checkpoint"));
    }

    @Override
    public Outcome run(PipelineUnderTest pipeline, ConformanceEnvironment env) throws Exception {
        TestRun run = env.newRun(pipeline, name());
        if (pipeline.capabilities().contains(Capability.CAPPED_BATCHES)) {
            run = run.withMaxOffsetsPerTrigger(cap);
        }
        WindowedAggregates aggregates = pipeline.aggregates(run).orElseThrow(() -> new IllegalStateException(
                pipeline.name() + " declares WINDOWED_AGGREGATES but aggregates(run) describes none"));
        // 1. First round in a child JVM, killed mid-batch.
        pipeline.produce(run, 0, eventsPerRound);
        MidBatchKill kill;
        try (DriverProcess driver = DriverProcess.start(pipeline, run)) {
            kill = MidBatchKill.during(driver, run, OutputReaders.aggregateOutput(aggregates));
            if (!kill.killed()) {
                return Outcome.fail("the driver JVM died by itself before it could be killed:\n" + driver.tail(), "driver died");
            }
        }
        // 2. Restart from the checkpoint and catch up.
        Checks.runUntilCaughtUp(pipeline, run);
        // 3. A second round while stopped, then a restart.
        pipeline.produce(run, eventsPerRound, eventsPerRound);
        Checks.runUntilCaughtUp(pipeline, run);
        // 4. The latest aggregate of every window equals the input's.
        AggregateVerdict verdict = AggregateVerdict.of(OutputReaders.expectedAggregates(run, aggregates),
                OutputReaders.latestAggregates(env, aggregates));
        return Outcome.of(verdict.passed(), "killed in batch " + kill.batch() + (kill.afterOutput() ? " after its output" : "")
                        + ", restarted, stopped and restarted; " + verdict.describe(),
                        verdict.correct() + "/" + verdict.windows() + " windows")
                .figure("sent", 2 * eventsPerRound)
                .figure("windows", verdict.windows())
                .figure("windows_correct", verdict.correct())
                .figure("killed_in_batch", kill.batch())
                .figure("killed_after_output", kill.afterOutput());
    }
}
