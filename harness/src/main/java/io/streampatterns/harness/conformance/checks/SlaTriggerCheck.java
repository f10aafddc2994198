package io.streampatterns.harness.conformance.checks;

import io.streampatterns.core.Durations;
import io.streampatterns.core.TriggerPolicy;
import io.streampatterns.harness.conformance.ConformanceCheck;
import io.streampatterns.harness.conformance.ConformanceEnvironment;
import io.streampatterns.harness.conformance.LatencyProbe;
import io.streampatterns.harness.conformance.Outcome;
import io.streampatterns.harness.conformance.PipelineUnderTest;
import io.streampatterns.harness.conformance.RunningJob;
import io.streampatterns.harness.conformance.TestRun;
import io.streampatterns.core.Capability;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * Purpose: the SLA/3 rule holds while the pipeline runs. How: the pipeline runs on the trigger
 * {@code TriggerPolicy.forSla(sla)} (a third of the SLA) while events arrive at a nominal rate, after
 * one warm-up batch. Pass: batches start no closer together than the trigger interval (the
 * pipeline runs on the trigger it was given); the batches under load keep up with the trigger: together
 * they take no longer than their intervals and none takes over two (else batches pile up; one batch a
 * little over its interval, a Delta commit or a GC pause, is caught up by the next); the p99
 * end-to-end latency is within the SLA.
 */
public final class SlaTriggerCheck implements ConformanceCheck {
    /** Spark aligns processing-time batches to the interval; this much earlier still counts as on time. */
    private static final long START_TOLERANCE_MS = 200;

    private final Duration sla;
    private final NominalLoad load;

    public SlaTriggerCheck(Duration sla, int eventsPerSecond, Duration load) {
        this.sla = sla;
        this.load = new NominalLoad(eventsPerSecond, load);
    }

    @Override
    public String name() {
        return "sla";
    }

    @Override
    public String description() {
        return "On a trigger of SLA/3 under nominal load, batches keep up with the trigger (together within their "
                + "intervals, none over two) and end-to-end latency (p50, p99) stays inside the SLA.";
    }

    @Override
    public Optional<String> notApplicableBecause(PipelineUnderTest pipeline) {
        return Checks.requires(pipeline, Capability.SLA_TRIGGER,
                "it does not run on a processing-time trigger (Real-Time Mode's interval is a checkpoint interval)")
                .or(() -> Checks.requires(pipeline, Capability.TRACEABLE_RECORDS, "latency is measured per record, by seq"));
    }

    @Override
    public Outcome run(PipelineUnderTest pipeline, ConformanceEnvironment env) throws Exception {
        List<String> problems = new ArrayList<>();
        // 1. The pipeline runs on the trigger the SLA/3 rule derives.
        TriggerPolicy trigger = TriggerPolicy.forSla(sla);
        TestRun run = env.newRun(pipeline, name()).withTrigger(trigger);
        // 2. Warm up with one batch, then produce at the nominal rate while the pipeline runs.
        long warmUp = load.eventsPerSecond();
        pipeline.produce(run, 0, (int) warmUp);
        List<StreamingQueryProgress> loaded;
        try (RunningJob running = Checks.start(pipeline, run)) {
            running.processAllAvailable();
            int warmBatches = running.progressHistory().size();
            if (load.produce(pipeline, run, warmUp) == 0) {
                problems.add("no events were produced under load");
            }
            running.processAllAvailable();
            List<StreamingQueryProgress> all = running.progressHistory();
            loaded = all.subList(warmBatches, all.size()).stream().filter(p -> p.numInputRows() > 0).toList();
        }
        // 3. Batches start on the trigger, and each finishes within it.
        long intervalMs = trigger.interval().toMillis();
        closestStarts(loaded, intervalMs).ifPresent(problems::add);
        long[] durations = loaded.stream().mapToLong(p -> p.durationMs().getOrDefault("triggerExecution", 0L)).toArray();
        long slowest = Arrays.stream(durations).max().orElse(0);
        long late = Arrays.stream(durations).filter(d -> d > intervalMs).count();
        long total = Arrays.stream(durations).sum();
        if (total > durations.length * intervalMs || slowest > 2 * intervalMs) {
            problems.add(late + " of " + durations.length + " batches took longer than the " + Durations.format(trigger.interval())
                    + " trigger (slowest " + slowest + " ms, " + total + " ms in all for " + durations.length
                    + " intervals): batches would pile up");
        }
        // 4. End-to-end latency within the SLA.
        long[] latencies = LatencyProbe.measure(pipeline, run, warmUp);
        long p50 = LatencyProbe.percentile(latencies, 50);
        long p99 = LatencyProbe.percentile(latencies, 99);
        if (latencies.length == 0) {
            problems.add("no output records to measure latency on");
        } else if (p99 > sla.toMillis()) {
            problems.add("p99 latency " + p99 + " ms is over the SLA of " + sla.toMillis() + " ms");
        }
        String message = problems.isEmpty()
                ? String.format("trigger %s for SLA %s; %d batches under %d events/s, slowest %d ms; latency p50 %d ms, "
                        + "p99 %d ms (%d records)", Durations.format(trigger.interval()), Durations.format(sla),
                        durations.length, load.eventsPerSecond(), slowest, p50, p99, latencies.length)
                : String.join("; ", problems);
        return Outcome.of(problems.isEmpty(), message, "p50 " + p50 + " ms, p99 " + p99 + " ms")
                .figure("sla_ms", sla.toMillis())
                .figure("trigger_ms", intervalMs)
                .figure("events_per_second", load.eventsPerSecond())
                .figure("batches", durations.length)
                .figure("slowest_batch_ms", slowest)
                .figure("batches_over_trigger", late)
                .figure("latency_p50_ms", p50)
                .figure("latency_p99_ms", p99)
                .figure("latency_max_ms", LatencyProbe.percentile(latencies, 100))
                .figure("batch_duration_ms", Arrays.stream(durations).boxed().toList())
                .figure("latency_ms_sorted", Checks.cdfSample(latencies));
    }

    /** A problem when two batches started closer together than the trigger allows: the pipeline ignores it. */
    private static Optional<String> closestStarts(List<StreamingQueryProgress> batches, long intervalMs) {
        for (int i = 1; i < batches.size(); i++) {
            long start = Instant.parse(batches.get(i).timestamp()).toEpochMilli();
            long gap = start - Instant.parse(batches.get(i - 1).timestamp()).toEpochMilli();
            // After a batch overran its interval, Spark starts the next at the next multiple of the
            // interval: a short gap that lands on that grid is the trigger at work.
            boolean onTheGrid = start % intervalMs <= START_TOLERANCE_MS;
            if (gap < intervalMs - START_TOLERANCE_MS && !onTheGrid) {
                return Optional.of("batches " + batches.get(i - 1).batchId() + " and " + batches.get(i).batchId()
                        + " started " + gap + " ms apart, under the " + intervalMs + " ms trigger: the pipeline does not run "
                        + "on the trigger it was given (TestRun.trigger())");
            }
        }
        return Optional.empty();
    }
}
