package io.streampatterns.chaos;

import io.streampatterns.chaos.measure.ChaosProducer;
import io.streampatterns.chaos.measure.ChaosVerdict;
import io.streampatterns.chaos.measure.CheckpointOffsets;
import io.streampatterns.chaos.measure.DeltaLogCounter;
import io.streampatterns.chaos.measure.Sample;
import io.streampatterns.chaos.measure.Timeline;
import io.streampatterns.chaos.measure.TimelineSampler;
import io.streampatterns.chaos.measure.TopicOffsets;
import io.streampatterns.chaos.scenario.ChaosScenario;
import io.streampatterns.chaos.scenario.ScenarioPlan;
import io.streampatterns.chaos.scenario.ScenarioPlan.PlannedStep;
import io.streampatterns.core.Checkpoint;
import io.streampatterns.core.TriggerPolicy;
import io.streampatterns.harness.conformance.ConformanceEnvironment;
import io.streampatterns.harness.conformance.OutputLocation;
import io.streampatterns.harness.conformance.OutputReaders;
import io.streampatterns.harness.conformance.PipelineUnderTest;
import io.streampatterns.harness.conformance.TestRun;
import io.streampatterns.harness.spark.SparkBackend;
import io.streampatterns.harness.spark.SparkParallelism;
import io.streampatterns.harness.spark.StandaloneCluster;
import io.streampatterns.harness.kafka.KafkaCluster;
import io.streampatterns.core.Capability;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.apache.hadoop.conf.Configuration;

/**
 * Runs one scenario against one pattern on a 3-node cluster:
 * <ol>
 *   <li>fresh topics, table and checkpoint; the pattern's driver started in its own JVM;</li>
 *   <li>a producer writes sequence-numbered events at a steady rate while a sampler records the
 *       timeline every 500 ms;</li>
 *   <li>once the pipeline is warm (batches committed, caught up with its input), the scenario's steps
 *       strike at their planned times, counted from then (printed as they happen);</li>
 *   <li>production stops (at the scenario's production time, or a few seconds after the last step);
 *       the cluster is healed; the pipeline must commit everything acknowledged;</li>
 *   <li>the output is read back and held to the pattern's guarantee over the acknowledged seqs.</li>
 * </ol>
 * A scenario that throws is a FAIL carrying the error; the cluster is healed either way, so the next
 * scenario starts on three healthy nodes.
 */
public final class ChaosRunner {
    /** Production goes on this long after the last step, so the pipeline works on a healed system too. */
    static final Duration TAIL = Duration.ofSeconds(5);
    /** How long a cold pipeline may take to commit and catch up before the faults strike anyway. */
    static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(45);
    /** Lag under this many seconds of production counts as caught up. */
    static final int STEADY_LAG_SECONDS = 5;

    private final KafkaCluster cluster;
    private final ConformanceEnvironment env;
    private final ChaosSettings settings;
    private final PrintStream out;
    private final Path logs;

    /**
     * @param cluster the 3-node cluster the faults strike (also {@code env.kafka()})
     * @param env Spark, the Delta workspace and the event generator
     * @param settings seed, rate, batch cap, trigger
     * @param out where the step lines go
     * @param logs where each scenario's driver logs are kept ({@code <pattern>-<scenario>/driver-<n>.log}), or
     *     null to keep none
     */
    public ChaosRunner(KafkaCluster cluster, ConformanceEnvironment env, ChaosSettings settings, PrintStream out,
                       Path logs) {
        this.cluster = cluster;
        this.env = env;
        this.settings = settings;
        this.out = out;
        this.logs = logs;
    }

    /** Runs {@code scenario} against {@code fixture}'s pattern. Never throws: a failure is a FAIL result. */
    public ScenarioResult run(PipelineUnderTest fixture, ChaosScenario scenario) {
        Instant began = Instant.now();
        ScenarioPlan plan = ScenarioPlan.of(scenario, settings.seed());
        Set<Path> logsBefore = driverLogs();
        try {
            return attempt(fixture, plan, began);
        } catch (Exception | AssertionError e) {
            return new ScenarioResult(fixture.name(), plan, ScenarioResult.Status.FAIL,
                    "the scenario could not complete: " + e, null, null, new Timeline(List.of(), List.of()), 0,
                    List.of(), List.of(), Duration.between(began, Instant.now()));
        } finally {
            keepDriverLogs(fixture.name() + "-" + scenario.name(), logsBefore);
        }
    }

    /** The run with extra Kafka client properties for the pattern's clients. */
    static TestRun withKafkaOptions(TestRun run, Map<String, String> options) {
        if (options.isEmpty()) {
            return run;
        }
        Map<String, String> merged = new LinkedHashMap<>(run.kafkaClientProperties());
        merged.putAll(options);
        return run.withKafkaClientProperties(merged);
    }

    /** The driver logs in the workspace now. */
    private Set<Path> driverLogs() {
        Path dir = env.workspace().root().resolve("drivers");
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".log")).collect(Collectors.toSet());
        } catch (IOException e) {
            return Set.of();
        }
    }

    /** Copies the driver logs this scenario wrote, in the order the drivers started, to {@code logs/<name>/}. */
    private void keepDriverLogs(String name, Set<Path> before) {
        if (logs == null) {
            return;
        }
        List<Path> written = driverLogs().stream().filter(p -> !before.contains(p))
                .sorted(Comparator.comparing(ChaosRunner::startedNanos)).toList();
        try {
            Path dir = Files.createDirectories(logs.resolve(name));
            for (int i = 0; i < written.size(); i++) {
                Files.copy(written.get(i), dir.resolve("driver-" + (i + 1) + ".log"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            out.println("        (could not keep the driver logs of " + name + ": " + e.getMessage() + ")");
        }
    }

    /** DriverProcess names a log {@code <run>-<nanoTime>.log}. */
    private static long startedNanos(Path log) {
        String name = log.getFileName().toString();
        try {
            return Long.parseLong(name.substring(name.lastIndexOf('-') + 1, name.length() - ".log".length()));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private ScenarioResult attempt(PipelineUnderTest fixture, ScenarioPlan plan, Instant began) {
        // 1. Fresh resources; the pipeline says what it promises and whether it can be checked.
        TestRun run = withKafkaOptions(env.newRun(fixture, plan.scenario().name()), settings.pipelineKafkaOptions());
        for (Capability needed : List.of(Capability.TRACEABLE_RECORDS, Capability.CHECKPOINT_RESTART)) {
            if (!fixture.capabilities().contains(needed)) {
                return ScenarioResult.skipped(fixture.name(), plan, "the pattern does not declare " + needed);
            }
        }
        Optional<String> notApplicable = plan.scenario().notApplicableBecause(fixture.output(run), fixture.deliveryGuarantee());
        if (notApplicable.isPresent()) {
            return ScenarioResult.skipped(fixture.name(), plan, notApplicable.get());
        }
        Optional<StandaloneCluster> spark = SparkBackend.ofThisJvm().embeddedCluster();
        if (plan.scenario().needsSparkCluster() && spark.isEmpty()) {
            return ScenarioResult.skipped(fixture.name(), plan, "it strikes executors and workers, which need the Spark "
                    + "cluster the kit starts (SPARK_CLUSTER=standalone); this run has " + SparkBackend.ofThisJvm()
                    .describe(SparkParallelism.DEFAULT));
        }
        long cap = Long.MAX_VALUE;
        if (fixture.capabilities().contains(Capability.CAPPED_BATCHES)) {
            cap = settings.maxOffsetsPerTrigger();
            run = run.withMaxOffsetsPerTrigger(cap);
        }
        run = run.withTrigger(TriggerPolicy.processingTime(settings.trigger()));
        TestRun configured = run;
        Checkpoint checkpoint = Checkpoint.at(run.checkpointLocation(), new Configuration());
        Path checkpointDir = Path.of(run.checkpointLocation());

        try (TopicOffsets offsets = new TopicOffsets(env.kafka());
             DriverSupervisor driver = new DriverSupervisor(fixture, run)) {
            LongSupplier output = fixture.output(run) instanceof OutputLocation.DeltaTable
                    ? new DeltaLogCounter(Path.of(run.outputTable()))::count
                    : () -> offsets.sum(configured.outputTopic());
            // 2. The driver runs before production starts: its first start is not a fault.
            driver.start();
            long startNanos = System.nanoTime();
            try (ChaosProducer producer = new ChaosProducer(env.kafka(), seq -> fixture.inputRecord(configured, seq),
                    settings.rate());
                 TimelineSampler sampler = new TimelineSampler(startNanos, new TimelineSampler.Probes(
                         producer::acknowledged, () -> offsets.sum(configured.inputTopic()),
                         () -> CheckpointOffsets.committed(checkpointDir, configured.inputTopic()), output, driver::isUp))) {
                FaultInjector injector = new FaultInjector(cluster, driver, run, checkpoint, sampler,
                        new SparkFaults(spark, env.spark().sparkContext().applicationId()), output);
                List<String> repaired = new ArrayList<>();
                try {
                    driver.watch((label, fault) -> {
                        sampler.mark(label, fault);
                        step(sampler, label);
                    });
                    producer.start();
                    sampler.start();
                    // 3. Once the pipeline is warm (committed and caught up), the steps at their planned times.
                    long steady = awaitWarm(driver, checkpointDir, run.inputTopic(), cap, sampler);
                    long previousEnd = steady;
                    for (PlannedStep step : plan.steps()) {
                        long at = (step.step().when().relative() ? previousEnd : steady) + step.delay().toMillis();
                        waitUntil(sampler, at);
                        step(sampler, injector.apply(step));
                        previousEnd = sampler.nowMillis();
                    }
                    waitUntil(sampler, Math.max(steady + plan.scenario().production().toMillis(),
                            previousEnd + TAIL.toMillis()));
                } finally {
                    producer.stop();
                    sampler.mark("production stopped", false);
                    // 4. Whatever the steps left broken is repaired; the pipeline must then commit everything.
                    try {
                        repaired.addAll(injector.heal());
                        if (!driver.isUp()) {
                            driver.start();
                            repaired.add("started the driver");
                        }
                    } catch (RuntimeException e) {
                        repaired.add("could not heal: " + e.getMessage());
                    }
                }
                repaired.forEach(r -> step(sampler, "healed: " + r));
                boolean caughtUp = awaitCaughtUp(driver, checkpointDir, run.inputTopic());
                sampler.sample();
                sampler.stop();
                String gaveUp = driver.gaveUp();
                String driverTail = driver.tail();
                driver.stop();
                return verdict(fixture, plan, run, producer, sampler.timeline(), driver, caughtUp, gaveUp,
                        driverTail, repaired, began);
            }
        }
    }

    /** 5. The output against what was acknowledged. */
    private ScenarioResult verdict(PipelineUnderTest fixture, ScenarioPlan plan, TestRun run,
                                   ChaosProducer producer, Timeline timeline, DriverSupervisor driver, boolean caughtUp,
                                   String gaveUp, String driverTail, List<String> repaired, Instant began) {
        ChaosVerdict verdict = ChaosVerdict.of(fixture.deliveryGuarantee(), producer.produced(),
                producer.acknowledgedSeqs(), OutputReaders.seqs(env, fixture.output(run)));
        List<String> problems = new ArrayList<>();
        if (!verdict.passed()) {
            problems.add(verdict.describe());
        }
        if (!caughtUp) {
            problems.add("the pipeline had not committed all its input " + settings.catchUpTimeout().toSeconds()
                    + " s after production stopped" + (gaveUp != null ? "; " + gaveUp : "; driver log:\n" + driverTail));
        }
        if (!repaired.isEmpty()) {
            problems.add("the scenario left the cluster broken (" + String.join(", ", repaired) + ")");
        }
        boolean passed = verdict.passed() && caughtUp;
        String message = passed ? verdict.describe() + (repaired.isEmpty() ? "" : "; note: " + String.join("; ", problems))
                : String.join("; ", problems);
        return new ScenarioResult(fixture.name(), plan, passed ? ScenarioResult.Status.PASS : ScenarioResult.Status.FAIL,
                message, fixture.deliveryGuarantee(), verdict, timeline, driver.starts(), driver.unplannedExits(),
                producer.firstFailures(), Duration.between(began, Instant.now()));
    }

    private void step(TimelineSampler sampler, String what) {
        out.printf(Locale.ROOT, "        %6.1f s  %s%n", sampler.nowMillis() / 1000.0, what);
        out.flush();
    }

    private static void waitUntil(TimelineSampler sampler, long atMillis) {
        long wait;
        while ((wait = atMillis - sampler.nowMillis()) > 0) {
            LockSupport.parkNanos(Duration.ofMillis(Math.min(wait, 200)).toNanos());
        }
    }

    /**
     * Waits until the pipeline is warm: it has committed at least two batches, and the latest read
     * clearly less than the batch cap (under 90 %: it took all there was, so it has caught up; Spark
     * shares the cap out among partitions rounding down, so a capped batch can read a few records
     * less than the cap) or left less than {@link #STEADY_LAG_SECONDS} seconds of input waiting. Its cold start (JIT, Spark, the first
     * commits, the backlog they leave) is then over, and the scenario's clock starts. A pipeline that
     * commits but is not warm within {@link #WARM_UP_TIMEOUT} gets the faults anyway, noted.
     *
     * @param cap the batch cap the pattern runs with, or {@link Long#MAX_VALUE}
     * @return the time on the timeline when the clock starts
     */
    private long awaitWarm(DriverSupervisor driver, Path checkpoint, String topic, long cap, TimelineSampler sampler) {
        Instant deadline = Instant.now().plus(WARM_UP_TIMEOUT);
        long steadyLag = (long) settings.rate() * STEADY_LAG_SECONDS;
        while (true) {
            OptionalLong lastBatch = CheckpointOffsets.lastCommittedBatchSize(checkpoint, topic);
            Sample latest = sampler.latest();
            if (lastBatch.isPresent() && (lastBatch.getAsLong() < cap - cap / 10 || latest != null && latest.lag() <= steadyLag)) {
                break;
            }
            if (Instant.now().isAfter(deadline) || driver.gaveUp() != null) {
                boolean committed = CheckpointOffsets.committed(checkpoint, topic) > 0;
                if (committed && driver.gaveUp() == null) {
                    sampler.mark("still behind after warm-up", false);
                    step(sampler, "the pipeline had not caught up " + WARM_UP_TIMEOUT.toSeconds()
                            + " s after production started; the faults strike it behind");
                    break;
                }
                throw new IllegalStateException("the pipeline committed no batch within " + WARM_UP_TIMEOUT.toSeconds()
                        + " s of production starting" + (driver.gaveUp() != null ? ": " + driver.gaveUp()
                        : "; driver log:\n" + driver.tail()));
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        long steady = sampler.nowMillis();
        sampler.mark("warm", false);
        step(sampler, "warm (caught up with its input): the scenario's clock starts");
        return steady;
    }

    /** Waits until the checkpoint has committed the input topic's end offsets (production has stopped). */
    private boolean awaitCaughtUp(DriverSupervisor driver, Path checkpoint, String topic) {
        long end = env.kafka().endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
        Instant deadline = Instant.now().plus(settings.catchUpTimeout());
        while (Instant.now().isBefore(deadline)) {
            if (CheckpointOffsets.committed(checkpoint, topic) >= end) {
                return true;
            }
            if (driver.gaveUp() != null) {
                return false;
            }
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
        }
        return false;
    }
}
