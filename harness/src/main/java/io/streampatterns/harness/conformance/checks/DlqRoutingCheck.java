package io.streampatterns.harness.conformance.checks;

import io.streampatterns.harness.conformance.ConformanceCheck;
import io.streampatterns.harness.conformance.ConformanceEnvironment;
import io.streampatterns.harness.conformance.DeadLetterLocation;
import io.streampatterns.harness.conformance.DlqVerdict;
import io.streampatterns.harness.conformance.OutputReaders;
import io.streampatterns.harness.conformance.Outcome;
import io.streampatterns.harness.conformance.PipelineUnderTest;
import io.streampatterns.harness.conformance.TestRun;
import io.streampatterns.harness.data.InvalidEvents;
import io.streampatterns.core.Capability;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Purpose: bad records go to the dead letter queue, good ones to the output, and nothing is lost,
 * across a restart too. How: valid events and each kind of invalid record are produced in two
 * rounds, with a stop and a restart from the checkpoint between them. Pass: valid + DLQ = input,
 * none in both; every dead letter has the expected reason, a detail and its source coordinates.
 */
public final class DlqRoutingCheck implements ConformanceCheck {
    /** Invalid records are numbered from here, apart from valid seqs, so a leak is seen by seq. */
    static final long FIRST_INVALID_SEQ = 1_000_000;

    private final int validPerRound;
    private final int invalidPerRound;

    public DlqRoutingCheck(int validPerRound, int invalidPerRound) {
        this.validPerRound = validPerRound;
        this.invalidPerRound = invalidPerRound;
    }

    @Override
    public String name() {
        return "dlq";
    }

    @Override
    public String description() {
        return "Valid and invalid records mixed, with a restart between two rounds: valid + DLQ = input, none in both, "
                + "every dead letter with its reason and source coordinates.";
    }

    @Override
    public Optional<String> notApplicableBecause(PipelineUnderTest pipeline) {
        return Checks.requires(pipeline, Capability.DEAD_LETTER_QUEUE, "it has no dead letter queue");
    }

    @Override
    public Outcome run(PipelineUnderTest pipeline, ConformanceEnvironment env) throws Exception {
        TestRun run = env.newRun(pipeline, name());
        DeadLetterLocation dlq = pipeline.deadLetters(run).orElseThrow(() -> new IllegalStateException(
                pipeline.name() + " declares DEAD_LETTER_QUEUE but deadLetters(run) names no location"));
        List<InvalidEvents.Sent> invalid = new ArrayList<>();
        // 1. Round one: valid and invalid records, processed, then the query stops.
        pipeline.produce(run, 0, validPerRound);
        invalid.addAll(pipeline.produceInvalid(run, FIRST_INVALID_SEQ, invalidPerRound));
        Checks.runUntilCaughtUp(pipeline, run);
        // 2. Round two while stopped, then a restart from the checkpoint.
        pipeline.produce(run, validPerRound, validPerRound);
        invalid.addAll(pipeline.produceInvalid(run, FIRST_INVALID_SEQ + invalidPerRound, invalidPerRound));
        Checks.runUntilCaughtUp(pipeline, run);
        // 3. Valid + DLQ = input.
        DlqVerdict verdict = DlqVerdict.of(pipeline.deliveryGuarantee(), 0, 2L * validPerRound,
                Checks.outputSeqs(pipeline, run), invalid, OutputReaders.deadLetters(env, dlq), run.inputTopic());
        return Outcome.of(verdict.passed(), verdict.describe(),
                        verdict.valid().received() + " valid + " + verdict.deadLetters() + " DLQ")
                .figure("valid_sent", 2 * validPerRound)
                .figure("invalid_sent", invalid.size())
                .figure("valid_written", verdict.valid().received())
                .figure("dead_letters", verdict.deadLetters())
                .figure("problems", verdict.problems().size());
    }
}
