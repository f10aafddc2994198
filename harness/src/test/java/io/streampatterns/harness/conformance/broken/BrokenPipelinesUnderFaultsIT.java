package io.streampatterns.harness.conformance.broken;

import static org.assertj.core.api.Assertions.assertThat;

import io.streampatterns.harness.conformance.ConformanceCheck;
import io.streampatterns.harness.conformance.ConformanceChecks;
import io.streampatterns.harness.conformance.ConformanceEnvironment;
import io.streampatterns.harness.conformance.ConformanceExtension;
import io.streampatterns.harness.conformance.Outcome;
import io.streampatterns.harness.conformance.PipelineUnderTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The crash, sla and aggregates checks can fail: each runs on a job broken in the one way it must
 * catch, written with Spark's API alone as a team would write it, and fails it with a message naming
 * what went wrong; the crash and aggregates checks pass the same job written correctly. The crash
 * check also holds a Kafka output to exactly-once, through a read_committed reader. One broker
 * and one SparkSession serve the whole class (from {@link ConformanceExtension}).
 */
@ExtendWith(ConformanceExtension.class)
class BrokenPipelinesUnderFaultsIT {
    /**
     * Smaller than {@code defaults().scaled(0.1)}, to keep the class within a few minutes on 2 cores, with
     * the same batch cap of 200: crash 1,000 events (5 batches), aggregates 500 a round (3 batches), sla
     * the default 15 s SLA (a 5 s trigger) and 300 events/s for 10 s.
     */
    private static final ConformanceChecks CHECKS = new ConformanceChecks(1_000, 200, 100, Duration.ofSeconds(15), 300,
            Duration.ofSeconds(10));

    /**
     * Purpose: the crash check catches a Delta append that is not idempotent.
     *
     * <p>How: {@link AppendsWithoutIdempotence} (foreachBatch appends without txnAppId/txnVersion,
     * then a 2 s side effect) runs in a child JVM that is killed after a batch's append and before its
     * commit, then restarts from its checkpoint and replays that batch.
     *
     * <p>Pass: the check fails, killed after the batch's output became visible, and its message
     * names seqs written twice.
     */
    @Test
    void crashFailsAnAppendWithoutIdempotence(ConformanceEnvironment env) throws Exception {
        // 1. Run the crash check on the broken job.
        Outcome outcome = run(CHECKS.crash(), new AppendsWithoutIdempotence(), env);
        // 2. It fails, naming the seqs the replay wrote again.
        assertThat(outcome.passed()).as(outcome.message()).isFalse();
        assertThat(outcome.figures().get("killed_after_output")).as(outcome.message()).isEqualTo(true);
        assertThat(outcome.message()).contains("written twice");
        assertThat((long) outcome.figures().get("duplicates")).isPositive();
    }

    /**
     * Purpose: the crash check passes the same append made idempotent, so the failure above is the
     * missing idempotence and not the check.
     *
     * <p>How: {@link IdempotentDeltaAppendJob} (txnAppId kept in the checkpoint, txnVersion = batch
     * id, the same 2 s side effect) is killed and restarted as above.
     *
     * <p>Pass: the check passes, though the kill landed after the batch's output became visible.
     */
    @Test
    void crashPassesAnIdempotentAppend(ConformanceEnvironment env) throws Exception {
        // 1. Run the crash check on the correct job.
        Outcome outcome = run(CHECKS.crash(), new IdempotentDeltaAppendJob(), env);
        // 2. It passes, with the kill at the worst moment.
        assertThat(outcome.passed()).as(outcome.message()).isTrue();
        assertThat(outcome.figures().get("killed_after_output")).as(outcome.message()).isEqualTo(true);
    }

    /**
     * Purpose: the sla check catches a job whose batches take longer than its trigger.
     *
     * <p>How: {@link SlowerThanItsTrigger} runs on the check's trigger (5 s for the 15 s SLA) but each
     * batch with data takes a second longer than the interval, under the check's nominal load.
     *
     * <p>Pass: the check fails, its message naming batches that took longer than the trigger.
     */
    @Test
    void slaFailsAJobSlowerThanItsTrigger(ConformanceEnvironment env) throws Exception {
        // 1. Run the sla check on the slow job.
        Outcome outcome = run(CHECKS.sla(), new SlowerThanItsTrigger(), env);
        // 2. It fails for batches longer than the trigger.
        assertThat(outcome.passed()).as(outcome.message()).isFalse();
        assertThat(outcome.message()).containsPattern("\\d+ of \\d+ batches took longer than the 5s trigger");
    }

    /**
     * Purpose: the sla check catches a job that does not run on the trigger it was given.
     *
     * <p>How: {@link IgnoresItsTrigger} runs on {@code Trigger.ProcessingTime(0)} whatever
     * {@code run.trigger()} says, under the check's nominal load.
     *
     * <p>Pass: the check fails, its message naming two batches that started closer together than the trigger.
     */
    @Test
    void slaFailsAJobThatIgnoresItsTrigger(ConformanceEnvironment env) throws Exception {
        // 1. Run the sla check on the job with its own trigger.
        Outcome outcome = run(CHECKS.sla(), new IgnoresItsTrigger(), env);
        // 2. It fails for batches started too close together.
        assertThat(outcome.passed()).as(outcome.message()).isFalse();
        assertThat(outcome.message()).containsPattern("batches \\d+ and \\d+ started \\d+ ms apart, under the 5000 ms trigger");
    }

    /**
     * Purpose: the aggregates check catches windowed counts that a replayed batch adds twice.
     *
     * <p>How: {@link DoubleCountsAfterACrash} keeps its running totals in a file outside Spark's state
     * and rewrites it before its batch commits; its child JVM is killed after a batch's output, and
     * the replay on restart adds that batch again; a second round follows a stop and restart.
     *
     * <p>Pass: the check fails, its message naming a window counted twice.
     */
    @Test
    void aggregatesFailsCountsKeptOutsideSparkState(ConformanceEnvironment env) throws Exception {
        // 1. Run the aggregates check on the job with totals of its own.
        Outcome outcome = run(CHECKS.aggregates(), new DoubleCountsAfterACrash(), env);
        // 2. It fails, naming a window whose count is over the input's.
        assertThat(outcome.passed()).as(outcome.message()).isFalse();
        assertThat(outcome.message()).containsPattern("window \\w+@\\S+ counts \\d+ events, the input has \\d+ "
                + "\\(\\d+ counted twice or more\\)");
    }

    /**
     * Purpose: the aggregates check passes the same counts kept in Spark's state, so the failure
     * above is the job's and not the check's.
     *
     * <p>How: {@link WindowedCountsJob} (stateful groupBy of window and event_type behind a watermark,
     * update mode) is killed, restarted, stopped and restarted as above.
     *
     * <p>Pass: the check passes: every window's latest count and sum equal the input's.
     */
    @Test
    void aggregatesPassesSparkStatefulCounts(ConformanceEnvironment env) throws Exception {
        // 1. Run the aggregates check on the correct job.
        Outcome outcome = run(CHECKS.aggregates(), new WindowedCountsJob(), env);
        // 2. It passes.
        assertThat(outcome.passed()).as(outcome.message()).isTrue();
    }

    /**
     * Purpose: a driver killed mid-batch leaves no duplicate in the Kafka output.
     *
     * <p>How: {@link TransactionalRelayJob} runs in a child JVM, is SIGKILLed after a batch's slices
     * committed and before Spark committed the batch, and restarts from its checkpoint, replaying it.
     *
     * <p>Pass: the check passes as EXACTLY_ONCE, with the kill at that worst moment.
     */
    @Test
    void crashPassesTheTransactionalRelay(ConformanceEnvironment env) throws Exception {
        // 1. The crash check on the relay.
        Outcome outcome = run(CHECKS.crash(), new TransactionalRelayJob(), env);
        // 2. Nothing twice, though the kill came after output was visible.
        assertThat(outcome.passed()).as(outcome.message()).isTrue();
        assertThat(outcome.figures().get("killed_after_output")).as(outcome.message()).isEqualTo(true);
    }

    /**
     * Purpose: the pass above comes from replay detection, not from a kill that missed.
     *
     * <p>How: {@link RelaysWithoutReplayDetection}, killed and restarted as above.
     *
     * <p>Pass: the check fails, naming seqs written twice.
     */
    @Test
    void crashFailsTheRelayWithoutReplayDetection(ConformanceEnvironment env) throws Exception {
        // 1. The crash check on the broken relay.
        Outcome outcome = run(CHECKS.crash(), new RelaysWithoutReplayDetection(), env);
        // 2. It fails, naming the duplicates.
        assertThat(outcome.passed()).as(outcome.message()).isFalse();
        assertThat(outcome.message()).contains("written twice");
        assertThat((long) outcome.figures().get("duplicates")).isPositive();
    }

    /**
     * Purpose: the rescale check catches idempotence that holds only on one cluster size.
     *
     * <p>How: {@link DeduplicatesPerTask} (a ForeachWriter skipping a task whose partition id and
     * epoch it wrote before; reads cut into three partitions per task slot) is killed mid-batch on 1
     * task slot and restarted on 2, so the replayed batch has 6 partitions where the first run had 3.
     *
     * <p>Pass: the check fails, killed after the batch's output became visible, with seqs written
     * twice or missing.
     */
    @Test
    void rescaleFailsIdempotencePerTask(ConformanceEnvironment env) throws Exception {
        // 1. The rescale check on the broken relay.
        Outcome outcome = run(CHECKS.rescale(), new DeduplicatesPerTask(), env);
        // 2. It fails: the replay, cut differently, wrote records again or skipped some.
        assertThat(outcome.passed()).as(outcome.message()).isFalse();
        assertThat(outcome.message()).contains("on 1 task slot, 5 shuffle partitions, restarted on 2 task slots");
        assertThat((long) outcome.figures().get("duplicates") + (int) outcome.figures().get("missing"))
                .as(outcome.message()).isPositive();
    }

    /**
     * Purpose: a downstream reader of the transactional relay sees every record once through a broker
     * bounce and a driver kill, not only a clean topic at the end.
     *
     * <p>How: the reading-under-faults check on {@link TransactionalRelayJob}: a read_committed reader
     * from the start, the broker stopped and restarted, the driver killed mid-batch and restarted.
     *
     * <p>Pass: the check passes as EXACTLY_ONCE, with the brokers bounced.
     */
    @Test
    void readingUnderFaultsPassesTheTransactionalRelay(ConformanceEnvironment env) throws Exception {
        // 1. The check on the relay.
        Outcome outcome = run(CHECKS.readingUnderFaults(), new TransactionalRelayJob(), env);
        // 2. The reader saw each record once, through both faults.
        assertThat(outcome.passed()).as(outcome.message()).isTrue();
        assertThat(outcome.message()).contains("brokers bounced");
    }

    /**
     * Purpose: the reader catches duplicates as they become visible, and says which fault they followed.
     *
     * <p>How: {@link RelaysWithoutReplayDetection} under the same faults.
     *
     * <p>Pass: the check fails, naming the first seq the reader saw twice, after the driver kill.
     */
    @Test
    void readingUnderFaultsFailsTheRelayWithoutReplayDetection(ConformanceEnvironment env) throws Exception {
        // 1. The check on the broken relay.
        Outcome outcome = run(CHECKS.readingUnderFaults(), new RelaysWithoutReplayDetection(), env);
        // 2. It fails: the reader saw records twice once the killed batch was replayed.
        assertThat(outcome.passed()).as(outcome.message()).isFalse();
        assertThat(outcome.message()).contains("first seen twice: seq", "after 'driver restarted'");
        assertThat((long) outcome.figures().get("duplicates_seen")).isPositive();
    }

    /** Runs {@code check} on {@code pipeline}, which it must apply to; prints and returns what it found. */
    private static Outcome run(ConformanceCheck check, PipelineUnderTest pipeline, ConformanceEnvironment env) throws Exception {
        assertThat(check.notApplicableBecause(pipeline)).as("why %s does not apply", check.name()).isEmpty();
        try {
            Outcome outcome = check.run(pipeline, env);
            System.out.println(check.name() + " on " + pipeline.name() + ": " + (outcome.passed() ? "PASS: " : "FAIL: ")
                    + outcome.message());
            return outcome;
        } finally {
            env.stopActiveQueries();
        }
    }
}
