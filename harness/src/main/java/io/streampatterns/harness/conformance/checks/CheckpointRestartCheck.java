package io.streampatterns.harness.conformance.checks;

import io.streampatterns.harness.conformance.ConformanceCheck;
import io.streampatterns.harness.conformance.ConformanceEnvironment;
import io.streampatterns.harness.conformance.DeliveryVerdict;
import io.streampatterns.harness.conformance.Outcome;
import io.streampatterns.harness.conformance.PipelineUnderTest;
import io.streampatterns.harness.conformance.TestRun;
import java.util.Optional;

/**
 * Purpose: a stopped pipeline resumes where it left off. How: a first batch of events is processed
 * and the query stopped; more events are produced while it is down; a new query on the same
 * checkpoint processes them. Pass: the restarted query reads only the new events, and the output
 * holds every event of both rounds as the pattern's guarantee requires.
 */
public final class CheckpointRestartCheck implements ConformanceCheck {
    private final int eventsPerRound;

    public CheckpointRestartCheck(int eventsPerRound) {
        this.eventsPerRound = eventsPerRound;
    }

    @Override
    public String name() {
        return "restart";
    }

    @Override
    public String description() {
        return "Stop, produce while stopped, restart from the checkpoint: only the new data is read, nothing is missing.";
    }

    @Override
    public Optional<String> notApplicableBecause(PipelineUnderTest pipeline) {
        return Checks.requiresRestartAndSeqs(pipeline);
    }

    @Override
    public Outcome run(PipelineUnderTest pipeline, ConformanceEnvironment env) throws Exception {
        TestRun run = env.newRun(pipeline, name());
        // 1. First round: produce, process, stop.
        pipeline.produce(run, 0, eventsPerRound);
        long firstRead = Checks.rowsRead(Checks.runUntilCaughtUp(pipeline, run));
        // 2. Produce while stopped.
        pipeline.produce(run, eventsPerRound, eventsPerRound);
        // 3. Restart on the same checkpoint.
        long restartRead = Checks.rowsRead(Checks.runUntilCaughtUp(pipeline, run));
        // 4. The restart read only the new events, and the output holds both rounds.
        int total = 2 * eventsPerRound;
        DeliveryVerdict verdict = DeliveryVerdict.of(pipeline.deliveryGuarantee(), 0, total, Checks.outputSeqs(pipeline, run));
        boolean onlyNew = restartRead == eventsPerRound;
        String reread = onlyNew ? "the restart read the " + eventsPerRound + " new records only"
                : "expected the restart to read the " + eventsPerRound + " new records, it read " + restartRead;
        return Outcome.of(onlyNew && verdict.passed(), reread + "; " + verdict.describe(),
                        restartRead + " new, " + verdict.received() + "/" + total)
                .figure("first_run_read", firstRead)
                .figure("restart_read", restartRead)
                .figure("sent", total)
                .figure("written", verdict.received())
                .figure("missing", verdict.missing().size())
                .figure("duplicates", verdict.duplicates());
    }
}
