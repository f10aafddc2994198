package io.streampatterns.harness.conformance;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conformance kit as JUnit 5 tests: extend it in your own repository, return your job from
 * {@link #pipeline()}, and every check runs as a test of its own (in Maven, Gradle or an IDE). A
 * check that does not apply to the job is reported as skipped, with the reason.
 *
 * <pre>{@code
 * class OrdersJobConformanceTest extends PipelineConformanceSuite {
 *     @Override
 *     protected PipelineUnderTest pipeline() {
 *         return new OrdersJobUnderTest();
 *     }
 * }
 * }</pre>
 *
 * <p>Kafka: {@code KAFKA_BOOTSTRAP_SERVERS} (and {@code KAFKA_CLIENT_PROPERTIES}, a properties file
 * of security settings) points the suite at a running cluster; a
 * {@link io.streampatterns.harness.junit.KafkaClusterConfig} on the class gives it brokers of its
 * own; otherwise one embedded KRaft broker is started and shared by every suite of the test run.
 * Spark: one local SparkSession per JVM. Override {@link #checks()} to size the checks.
 *
 * <p>Each test names its check's class, whose Javadoc says what it proves, how, and what passes.
 */
@ExtendWith(ConformanceExtension.class)
public abstract class PipelineConformanceSuite {
    /** The report entry holding a check's result as JSON, for listeners that write reports. */
    public static final String RESULT_ENTRY = "conformance.result";
    /** A line per check with its figures, for the console of a team's build. */
    private static final Logger LOG = LoggerFactory.getLogger(PipelineConformanceSuite.class);

    /** The job under test; a new instance or the same one, it is asked for its promises each time. */
    protected abstract PipelineUnderTest pipeline();

    /**
     * The checks' sizes: the profile {@code CONFORMANCE_PROFILE} names ({@code quick}, the default, or
     * {@code full}); override to run smaller (for example {@code ConformanceChecks.defaults().scaled(0.1)}).
     */
    protected ConformanceChecks checks() {
        return ConformanceChecks.fromEnvironment();
    }

    /** {@link io.streampatterns.harness.conformance.checks.DeliveryGuaranteeCheck}. */
    @Test
    @DisplayName("delivery: nothing lost, nothing twice (exactly-once) or duplicates counted")
    public void delivery(ConformanceEnvironment env, TestReporter reporter) throws Exception {
        verify(checks().delivery(), env, reporter);
    }

    /** {@link io.streampatterns.harness.conformance.checks.CheckpointRestartCheck}. */
    @Test
    @DisplayName("restart: resumes from its checkpoint, reads only what is new")
    public void restart(ConformanceEnvironment env, TestReporter reporter) throws Exception {
        verify(checks().restart(), env, reporter);
    }

    /** {@link io.streampatterns.harness.conformance.checks.DriverCrashCheck}. */
    @Test
    @DisplayName("crash: a driver killed mid-batch loses nothing")
    public void crash(ConformanceEnvironment env, TestReporter reporter) throws Exception {
        verify(checks().crash(), env, reporter);
    }

    /** {@link io.streampatterns.harness.conformance.checks.DlqRoutingCheck}. */
    @Test
    @DisplayName("dlq: valid + dead letters = input, each dead letter with its reason and coordinates")
    public void dlq(ConformanceEnvironment env, TestReporter reporter) throws Exception {
        verify(checks().dlq(), env, reporter);
    }

    /** {@link io.streampatterns.harness.conformance.checks.LagRecoveryCheck}. */
    @Test
    @DisplayName("lag: a backlog drains in capped batches, lag falls to zero")
    public void lag(ConformanceEnvironment env, TestReporter reporter) throws Exception {
        verify(checks().lag(), env, reporter);
    }

    /** {@link io.streampatterns.harness.conformance.checks.SlaTriggerCheck}. */
    @Test
    @DisplayName("sla: on a trigger of SLA/3, batches keep up and latency stays within the SLA")
    public void sla(ConformanceEnvironment env, TestReporter reporter) throws Exception {
        verify(checks().sla(), env, reporter);
    }

    /** {@link io.streampatterns.harness.conformance.checks.WindowedAggregatesCheck}. */
    @Test
    @DisplayName("aggregates: after a crash and a restart, every window's count equals the input")
    public void aggregates(ConformanceEnvironment env, TestReporter reporter) throws Exception {
        verify(checks().aggregates(), env, reporter);
    }

    /** {@link io.streampatterns.harness.conformance.checks.RealTimeLatencyCheck}. */
    @Test
    @DisplayName("latency: Real-Time Mode p99 within the declared budget")
    public void latency(ConformanceEnvironment env, TestReporter reporter) throws Exception {
        verify(checks().latency(), env, reporter);
    }

    /** {@link io.streampatterns.harness.conformance.checks.PartitionsAddedCheck}. */
    @Test
    @DisplayName("partitions: partitions added mid-stream are read from their first record")
    public void partitions(ConformanceEnvironment env, TestReporter reporter) throws Exception {
        verify(checks().partitions(), env, reporter);
    }

    /** {@link io.streampatterns.harness.conformance.checks.DataLossCheck}. */
    @Test
    @DisplayName("data-loss: records deleted before they were read fail the query, naming the offsets")
    public void dataLoss(ConformanceEnvironment env, TestReporter reporter) throws Exception {
        verify(checks().dataLoss(), env, reporter);
    }

    /** {@link io.streampatterns.harness.conformance.checks.RescaleCheck}. */
    @Test
    @DisplayName("rescale: killed on one parallelism, restarted on another, the guarantee and the state hold")
    public void rescale(ConformanceEnvironment env, TestReporter reporter) throws Exception {
        verify(checks().rescale(), env, reporter);
    }

    /** {@link io.streampatterns.harness.conformance.checks.PoisonRecordCheck}. */
    @Test
    @DisplayName("poison: a record its own logic throws on goes to the DLQ with the exception, the query runs on")
    public void poison(ConformanceEnvironment env, TestReporter reporter) throws Exception {
        verify(checks().poison(), env, reporter);
    }

    /** {@link io.streampatterns.harness.conformance.checks.SchemaEvolutionCheck}. */
    @Test
    @DisplayName("schema-evolution: a field added mid-stream, then the old shape again: nothing valid refused or lost")
    public void schemaEvolution(ConformanceEnvironment env, TestReporter reporter) throws Exception {
        verify(checks().schemaEvolution(), env, reporter);
    }

    /** {@link io.streampatterns.harness.conformance.checks.ReadingUnderFaultsCheck}. */
    @Test
    @DisplayName("reading-under-faults: what a reader saw during a broker bounce and a driver kill holds the guarantee")
    public void readingUnderFaults(ConformanceEnvironment env, TestReporter reporter) throws Exception {
        verify(checks().readingUnderFaults(), env, reporter);
    }

    /**
     * Runs {@code check} on the pipeline, publishes its result, and turns it into JUnit's terms: a
     * check that does not apply aborts (skipped, with the reason), a failed one fails with its message.
     */
    private void verify(ConformanceCheck check, ConformanceEnvironment env, TestReporter reporter) throws Exception {
        PipelineUnderTest pipeline = pipeline();
        Optional<String> notApplicable = check.notApplicableBecause(pipeline);
        if (notApplicable.isPresent()) {
            reporter.publishEntry(RESULT_ENTRY, CheckResultJson.write(
                    CheckResult.notApplicable(pipeline.name(), check.name(), notApplicable.get())));
            Assumptions.abort(check.name() + " does not apply: " + notApplicable.get());
        }
        Instant started = Instant.now();
        CheckResult result;
        try {
            result = check.run(pipeline, env).toResult(pipeline.name(), check.name(), Duration.between(started, Instant.now()));
        } catch (Exception | AssertionError e) {
            reporter.publishEntry(RESULT_ENTRY, CheckResultJson.write(
                    CheckResult.crashed(pipeline.name(), check.name(), e, Duration.between(started, Instant.now()))));
            throw e;
        } finally {
            env.stopActiveQueries();
        }
        reporter.publishEntry(RESULT_ENTRY, CheckResultJson.write(result));
        LOG.info("{}: {} {} in {} s: {}", pipeline.name(), check.name(), result.status(),
                String.format(Locale.ROOT, "%.1f", result.took().toMillis() / 1000.0), result.message());
        if (result.status() == CheckStatus.FAIL) {
            Assertions.fail(pipeline.name() + " fails the " + check.name() + " check: " + result.message());
        }
    }
}
