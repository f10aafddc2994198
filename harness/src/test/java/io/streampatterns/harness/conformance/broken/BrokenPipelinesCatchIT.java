package io.streampatterns.harness.conformance.broken;

import static org.assertj.core.api.Assertions.assertThat;

import io.streampatterns.harness.conformance.ConformanceCheck;
import io.streampatterns.harness.conformance.ConformanceChecks;
import io.streampatterns.harness.conformance.ConformanceEnvironment;
import io.streampatterns.harness.conformance.ConformanceExtension;
import io.streampatterns.harness.conformance.Outcome;
import io.streampatterns.harness.conformance.PipelineUnderTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A conformance check that passes a broken pipeline is worse than none: each test here runs one
 * check on a job broken on purpose and expects it to fail, naming what is wrong. The correct jobs
 * the broken ones are made from pass the same checks, so each failure comes from the break.
 * One broker and one SparkSession serve the whole class.
 */
@ExtendWith(ConformanceExtension.class)
class BrokenPipelinesCatchIT {
    /**
     * 2,000 events for delivery, 500 per restart round, 200 valid + 30 invalid per dlq round, a 10,000
     * backlog capped at 2,000, 500 events for partitions (250 before the topic grows), 200 per data-loss round.
     */
    private static final ConformanceChecks CHECKS = new ConformanceChecks(2_000, 200, 10_000, Duration.ofSeconds(15), 300,
            Duration.ofSeconds(15));

    /**
     * Purpose: the correct jobs pass, so the failures below come from their breaks, not from the kit.
     * How: delivery, restart, lag, partitions and data-loss on {@link JsonToDeltaJob}, dlq and
     * schema-evolution (its output keeps the added field) on {@link ValidatingJob}.
     * Pass: every check passes.
     */
    @Test
    void theCorrectJobsPass(ConformanceEnvironment env) throws Exception {
        // 1. The Delta job: delivery, restart, lag, partitions, data-loss.
        for (ConformanceCheck check : List.of(CHECKS.delivery(), CHECKS.restart(), CHECKS.lag(), CHECKS.partitions(),
                CHECKS.dataLoss())) {
            Outcome outcome = run(check, new JsonToDeltaJob(), env);
            assertThat(outcome.passed()).as(check.name() + ": " + outcome.message()).isTrue();
        }
        // 2. The validating job: dlq, schema-evolution.
        for (ConformanceCheck check : List.of(CHECKS.dlq(), CHECKS.schemaEvolution())) {
            Outcome outcome = run(check, new ValidatingJob(), env);
            assertThat(outcome.passed()).as(check.name() + ": " + outcome.message()).isTrue();
        }
    }

    /**
     * Purpose: the delivery check catches lost records. How: it runs {@link DropsOneInAThousand},
     * which filters out every seq ending in 999. Pass: it fails, naming seqs 999 and 1999 missing.
     */
    @Test
    void deliveryCatchesDroppedRecords(ConformanceEnvironment env) throws Exception {
        // 1. Run the check on the broken job.
        Outcome outcome = run(CHECKS.delivery(), new DropsOneInAThousand(), env);
        // 2. It fails, naming the lost seqs.
        assertThat(outcome.passed()).as(outcome.message()).isFalse();
        assertThat(outcome.message()).contains("seq 999 missing", "seq 1999 missing");
    }

    /**
     * Purpose: the restart check catches a job that does not resume from its checkpoint. How: it runs
     * {@link IgnoresItsCheckpoint}, which restarts on a fresh checkpoint from the latest offsets.
     * Pass: it fails, saying the restart read none of the 500 new records and that they are missing.
     */
    @Test
    void restartCatchesAnIgnoredCheckpoint(ConformanceEnvironment env) throws Exception {
        // 1. Run the check on the broken job.
        Outcome outcome = run(CHECKS.restart(), new IgnoresItsCheckpoint(), env);
        // 2. It fails: the restart read nothing, and the records produced while stopped are missing.
        assertThat(outcome.passed()).as(outcome.message()).isFalse();
        assertThat(outcome.message()).contains("expected the restart to read the 500 new records, it read 0",
                "seq 500 missing");
    }

    /**
     * Purpose: the dlq check catches dead letters lost or without a reason. How: it runs
     * {@link LosesDeadLetters}, which drops the dead letters of values that are not JSON and sends
     * those of records missing {@code event_id} without a reason. Pass: it fails, naming a malformed
     * invalid seq that is not in the DLQ and a dead letter that has no reason.
     */
    @Test
    void dlqCatchesLostDeadLetters(ConformanceEnvironment env) throws Exception {
        // 1. Run the check on the broken job.
        Outcome outcome = run(CHECKS.dlq(), new LosesDeadLetters(), env);
        // 2. It fails, naming a lost dead letter and one without a reason (invalid seqs start at 1,000,000).
        assertThat(outcome.passed()).as(outcome.message()).isFalse();
        assertThat(outcome.message())
                .contains("invalid seq 1000002 (MALFORMED_JSON) is not in the DLQ")
                .containsPattern("dead letter for invalid seq 1\\d{6} has no reason");
    }

    /**
     * Purpose: the lag check catches a job that ignores the batch cap it promises. How: it runs
     * {@link IgnoresItsCap}, which reads without maxOffsetsPerTrigger, on a backlog of 10,000 capped
     * at 2,000. Pass: it fails, naming a batch that read more than the cap.
     */
    @Test
    void lagCatchesAnIgnoredCap(ConformanceEnvironment env) throws Exception {
        // 1. Run the check on the broken job.
        Outcome outcome = run(CHECKS.lag(), new IgnoresItsCap(), env);
        // 2. It fails, naming the batch over the cap.
        assertThat(outcome.passed()).as(outcome.message()).isFalse();
        assertThat(outcome.message()).containsPattern("batch \\d+ read \\d+ records, over the cap of 2000");
    }

    /**
     * Purpose: the partitions check catches a job that never reads partitions added after it
     * started. How: it runs {@link ReadsOnlyItsFirstPartitions}, which lists the topic's first 3
     * partitions in {@code assign}; the topic grows to 5 mid-stream. Pass: it fails, saying that none
     * of the events sent to partitions 3..4 were written and naming a missing seq.
     */
    @Test
    void partitionsCatchesAJobPinnedToItsFirstPartitions(ConformanceEnvironment env) throws Exception {
        // 1. Run the check on the broken job.
        Outcome outcome = run(CHECKS.partitions(), new ReadsOnlyItsFirstPartitions(), env);
        // 2. It fails: nothing sent to the new partitions arrived (250 + 250 events, every fifth of the second half to each).
        assertThat(outcome.passed()).as(outcome.message()).isFalse();
        assertThat(outcome.message()).contains("0 of the 100 events sent to the new partitions 3..4 written")
                .containsPattern("seq \\d+ missing");
    }

    /**
     * Purpose: the data-loss check catches a job that skips records deleted before it read them.
     * How: it runs {@link SkipsLostRecords} ({@code failOnDataLoss=false}); 200 records are
     * processed, 200 more produced while it is stopped, the older half of those deleted. Pass: it
     * fails, saying the restarted query carried on, with as many records missing as were deleted (about 100).
     */
    @Test
    void dataLossCatchesAJobThatSkipsDeletedRecords(ConformanceEnvironment env) throws Exception {
        // 1. Run the check on the broken job.
        Outcome outcome = run(CHECKS.dataLoss(), new SkipsLostRecords(), env);
        // 2. It fails, counting what it skipped.
        assertThat(outcome.passed()).as(outcome.message()).isFalse();
        assertThat(outcome.message()).containsPattern("carried on without failing: \\d+ records missing");
        assertThat(outcome.figures().get("skipped")).isEqualTo(outcome.figures().get("deleted"));
        assertThat((Long) outcome.figures().get("deleted")).isGreaterThan(90);
    }

    /**
     * Purpose: the poison check catches a job whose own logic stops the query on one record. How: it
     * runs {@link ThrowsOnAPoisonRecord}, whose unguarded UDF throws on priority {@code urgent};
     * 100 valid events, 20 such records, 100 valid events. Pass: it fails, saying the query stopped
     * and naming the IllegalArgumentException of {@code Priority.valueOf}.
     */
    @Test
    void poisonCatchesAQueryStoppedByItsOwnLogic(ConformanceEnvironment env) throws Exception {
        // 1. Run the check on the broken job.
        Outcome outcome = run(CHECKS.poison(), new ThrowsOnAPoisonRecord(), env);
        // 2. It fails: the query stopped on the exception.
        assertThat(outcome.passed()).as(outcome.message()).isFalse();
        assertThat(outcome.message()).contains("the query stopped on a poison record",
                "java.lang.IllegalArgumentException: No enum constant");
    }

    /**
     * Purpose: the schema evolution check catches a validator that refuses members it does not know.
     * How: it runs {@link RejectsUnknownFields}; 133 events old-shape, 133 with the added field,
     * 134 old-shape. Pass: it fails, counting the 133 dead-lettered and missing, with the reason.
     */
    @Test
    void schemaEvolutionCatchesAStrictValidator(ConformanceEnvironment env) throws Exception {
        // 1. Run the check on the broken job.
        Outcome outcome = run(CHECKS.schemaEvolution(), new RejectsUnknownFields(), env);
        // 2. It fails: each new-shape record was refused.
        assertThat(outcome.passed()).as(outcome.message()).isFalse();
        assertThat(outcome.message()).contains("133 valid records dead-lettered", "SCHEMA_VALIDATION_FAILED",
                "seq 133 missing");
    }

    /**
     * Purpose: the schema evolution check catches a job that claims to keep unknown fields and drops
     * them. How: it runs {@link DropsUnknownFields}. Pass: it fails, saying 0 of the 133 records
     * sent with the field keep it, while every record arrived.
     */
    @Test
    void schemaEvolutionCatchesDroppedNewFields(ConformanceEnvironment env) throws Exception {
        // 1. Run the check on the broken job.
        Outcome outcome = run(CHECKS.schemaEvolution(), new DropsUnknownFields(), env);
        // 2. It fails on the field alone: nothing is missing.
        assertThat(outcome.passed()).as(outcome.message()).isFalse();
        assertThat(outcome.message()).contains("coupon_code kept in 0 of 133 records sent with it", "all present");
    }

    /** Runs {@code check} on {@code pipeline}, which it must apply to, and stops what the check left running. */
    private static Outcome run(ConformanceCheck check, PipelineUnderTest pipeline, ConformanceEnvironment env) throws Exception {
        assertThat(check.notApplicableBecause(pipeline)).as(check.name() + " applies to " + pipeline.name()).isEmpty();
        try {
            Outcome outcome = check.run(pipeline, env);
            System.out.printf("%s on %s: %s: %s%n", check.name(), pipeline.name(), outcome.passed() ? "PASS" : "FAIL",
                    outcome.message());
            return outcome;
        } finally {
            env.stopActiveQueries();
        }
    }
}
