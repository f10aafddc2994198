package io.streampatterns.harness.conformance.broken;

import static org.assertj.core.api.Assertions.assertThat;

import io.streampatterns.harness.conformance.ConformanceChecks;
import io.streampatterns.harness.conformance.ConformanceEnvironment;
import io.streampatterns.harness.conformance.ConformanceExtension;
import io.streampatterns.harness.conformance.Outcome;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Exactly-once into Kafka, proven by the crash check: the transactional relay passes it with zero
 * duplicates through a read_committed reader, and the same relay without replay detection fails it,
 * naming the seqs written twice. One broker and one SparkSession serve the class.
 */
@ExtendWith(ConformanceExtension.class)
class ExactlyOnceIntoKafkaIT {
    /** 1,000 events in batches of at most 200: five batches, so the kill lands inside one. */
    private static final ConformanceChecks CHECKS = new ConformanceChecks(1_000, 200, 100, Duration.ofSeconds(15), 300,
            Duration.ofSeconds(10));

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
        Outcome outcome = run(new TransactionalRelayJob(), env);
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
        Outcome outcome = run(new RelaysWithoutReplayDetection(), env);
        // 2. It fails, naming the duplicates.
        assertThat(outcome.passed()).as(outcome.message()).isFalse();
        assertThat(outcome.message()).contains("written twice");
        assertThat((long) outcome.figures().get("duplicates")).isPositive();
    }

    private static Outcome run(TransactionalRelayJob job, ConformanceEnvironment env) throws Exception {
        try {
            Outcome outcome = CHECKS.crash().run(job, env);
            System.out.println("crash on " + job.name() + ": " + (outcome.passed() ? "PASS: " : "FAIL: ") + outcome.message());
            return outcome;
        } finally {
            env.stopActiveQueries();
        }
    }
}
