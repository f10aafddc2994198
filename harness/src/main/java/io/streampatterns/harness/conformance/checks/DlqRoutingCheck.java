package io.streampatterns.harness.conformance.checks;

import io.streampatterns.core.Capability;
import io.streampatterns.core.StreamingPattern;
import io.streampatterns.harness.conformance.ConformanceCheck;
import io.streampatterns.harness.conformance.ConformanceEnvironment;
import io.streampatterns.harness.conformance.DlqVerdict;
import io.streampatterns.harness.conformance.Outcome;
import io.streampatterns.harness.conformance.PatternFixture;
import io.streampatterns.harness.conformance.PatternRun;
import io.streampatterns.harness.data.InvalidEvents;
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
    public Optional<String> notApplicableBecause(StreamingPattern pattern) {
        return Checks.requires(pattern, Capability.DEAD_LETTER_QUEUE, "it has no dead letter queue");
    }

    @Override
    public Outcome run(PatternFixture fixture, ConformanceEnvironment env) throws Exception {
        PatternRun run = env.newRun(fixture, name());
        List<InvalidEvents.Sent> invalid = new ArrayList<>();
        // 1. Round one: valid and invalid records, processed, then the query stops.
        fixture.produce(run, env, 0, validPerRound);
        invalid.addAll(fixture.produceInvalid(run, env, FIRST_INVALID_SEQ, invalidPerRound));
        StreamingPattern first = fixture.build(run, env);
        Checks.runUntilCaughtUp(first, env);
        // 2. Round two while stopped, then a restart from the checkpoint.
        fixture.produce(run, env, validPerRound, validPerRound);
        invalid.addAll(fixture.produceInvalid(run, env, FIRST_INVALID_SEQ + invalidPerRound, invalidPerRound));
        Checks.runUntilCaughtUp(fixture.build(run, env), env);
        // 3. Valid + DLQ = input.
        DlqVerdict verdict = DlqVerdict.of(first.deliveryGuarantee(), 0, 2L * validPerRound,
                fixture.outputSeqs(run, env), invalid, fixture.deadLetters(run, env), run.inputTopic());
        return Outcome.of(verdict.passed(), verdict.describe(),
                        verdict.valid().received() + " valid + " + verdict.deadLetters() + " DLQ")
                .figure("valid_sent", 2 * validPerRound)
                .figure("invalid_sent", invalid.size())
                .figure("valid_written", verdict.valid().received())
                .figure("dead_letters", verdict.deadLetters())
                .figure("problems", verdict.problems().size());
    }
}
