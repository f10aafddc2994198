package io.streampatterns.harness.conformance.checks;

import io.streampatterns.core.Capability;
import io.streampatterns.core.Durations;
import io.streampatterns.core.InvalidPipelineException;
import io.streampatterns.core.RunningPipeline;
import io.streampatterns.core.StreamingPattern;
import io.streampatterns.core.TriggerPolicy;
import io.streampatterns.harness.conformance.ConformanceCheck;
import io.streampatterns.harness.conformance.ConformanceEnvironment;
import io.streampatterns.harness.conformance.LatencyProbe;
import io.streampatterns.harness.conformance.Outcome;
import io.streampatterns.harness.conformance.PatternFixture;
import io.streampatterns.harness.conformance.PatternRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * Purpose: the SLA/3 rule holds, statically and under load. How: a trigger longer than SLA/3 must
 * be refused; then the pattern runs on {@code TriggerPolicy.forSla(sla)} while events arrive at a
 * nominal rate, after one warm-up batch. Pass: the refusal names both values; every batch under
 * load finishes within the trigger interval; the p99 end-to-end latency is within the SLA.
 */
public final class SlaTriggerCheck implements ConformanceCheck {
    private final Duration sla;
    private final int eventsPerSecond;
    private final Duration load;

    public SlaTriggerCheck(Duration sla, int eventsPerSecond, Duration load) {
        this.sla = sla;
        this.eventsPerSecond = eventsPerSecond;
        this.load = load;
    }

    @Override
    public String name() {
        return "sla";
    }

    @Override
    public String description() {
        return "A trigger over SLA/3 is refused; under nominal load every batch finishes within its trigger "
                + "interval and end-to-end latency (p50, p99) stays inside the SLA.";
    }

    @Override
    public Optional<String> notApplicableBecause(StreamingPattern pattern) {
        return Checks.requires(pattern, Capability.SLA_TRIGGER,
                "it does not run on a processing-time trigger (Real-Time Mode's interval is a checkpoint interval)")
                .or(() -> Checks.requires(pattern, Capability.TRACEABLE_RECORDS,
                        "latency is measured per record, by seq"));
    }

    @Override
    public Outcome run(PatternFixture fixture, ConformanceEnvironment env) throws Exception {
        List<String> problems = new ArrayList<>();
        // 1. Static: a trigger over SLA/3 is refused, naming both values.
        Duration over = TriggerPolicy.maxIntervalFor(sla).plusSeconds(1);
        staticRefusal(over).ifPresent(problems::add);
        // 2. The pattern takes the derived trigger.
        TriggerPolicy trigger = TriggerPolicy.forSla(sla);
        PatternRun run = env.newRun(fixture, name()).withTrigger(trigger);
        StreamingPattern pattern = fixture.build(run, env);
        if (!pattern.pipeline().trigger().interval().equals(trigger.interval())) {
            problems.add("the pattern ignored the trigger it was given: expected " + trigger + ", it runs "
                    + pattern.pipeline().trigger());
        }
        // 3. Warm up with one batch, then produce at the nominal rate while the pipeline runs.
        long warmUp = eventsPerSecond;
        fixture.produce(run, env, 0, (int) warmUp);
        List<StreamingQueryProgress> loaded;
        List<StreamingQueryProgress> all;
        try (RunningPipeline running = pattern.pipeline().start(env.spark())) {
            running.processAllAvailable();
            int warmBatches = running.progressHistory().size();
            long produced = produceAtRate(fixture, run, env, warmUp);
            running.processAllAvailable();
            all = running.progressHistory();
            loaded = all.subList(warmBatches, all.size()).stream().filter(p -> p.numInputRows() > 0).toList();
            if (produced == 0) {
                problems.add("no events were produced under load");
            }
        }
        // 4. Every loaded batch within the trigger interval.
        long intervalMs = trigger.interval().toMillis();
        long[] durations = loaded.stream().mapToLong(p -> p.durationMs().getOrDefault("triggerExecution", 0L)).toArray();
        long slowest = Arrays.stream(durations).max().orElse(0);
        long late = Arrays.stream(durations).filter(d -> d > intervalMs).count();
        if (late > 0) {
            problems.add(late + " of " + durations.length + " batches took longer than the " + Durations.format(trigger.interval())
                    + " trigger (slowest " + slowest + " ms): batches would pile up");
        }
        // 5. End-to-end latency within the SLA.
        long[] latencies = Checks.writesDelta(pattern)
                ? LatencyProbe.delta(env.spark(), run.outputTable(), all, warmUp)
                : LatencyProbe.kafka(env.kafka(), run.inputTopic(), run.outputTopic(), warmUp, fixture::inputSeq);
        long p50 = LatencyProbe.percentile(latencies, 50);
        long p99 = LatencyProbe.percentile(latencies, 99);
        if (latencies.length == 0) {
            problems.add("no output records to measure latency on");
        } else if (p99 > sla.toMillis()) {
            problems.add("p99 latency " + p99 + " ms is over the SLA of " + sla.toMillis() + " ms");
        }
        String message = problems.isEmpty()
                ? String.format("trigger %s for SLA %s; over-SLA trigger refused; %d batches under %d events/s, "
                        + "slowest %d ms; latency p50 %d ms, p99 %d ms (%d records)", Durations.format(trigger.interval()),
                        Durations.format(sla), durations.length, eventsPerSecond, slowest, p50, p99, latencies.length)
                : String.join("; ", problems);
        return Outcome.of(problems.isEmpty(), message, "p50 " + p50 + " ms, p99 " + p99 + " ms")
                .figure("sla_ms", sla.toMillis())
                .figure("trigger_ms", intervalMs)
                .figure("events_per_second", eventsPerSecond)
                .figure("batches", durations.length)
                .figure("slowest_batch_ms", slowest)
                .figure("latency_p50_ms", p50)
                .figure("latency_p99_ms", p99)
                .figure("latency_max_ms", LatencyProbe.percentile(latencies, 100))
                .figure("batch_duration_ms", Arrays.stream(durations).boxed().toList())
                .figure("latency_ms_sorted", sample(latencies));
    }

    private Optional<String> staticRefusal(Duration over) {
        try {
            TriggerPolicy.processingTime(over).withSla(sla);
            return Optional.of("a trigger of " + Durations.format(over) + " was accepted for SLA " + Durations.format(sla)
                    + "; expected a refusal");
        } catch (InvalidPipelineException e) {
            boolean namesBoth = e.getMessage().contains(Durations.format(over))
                    && e.getMessage().contains(Durations.format(TriggerPolicy.maxIntervalFor(sla)));
            return namesBoth ? Optional.empty()
                    : Optional.of("the refusal does not name both the interval and SLA/3: " + e.getMessage());
        }
    }

    /** Produces one second's worth of events per second for the load period, from seq {@code from}. */
    private long produceAtRate(PatternFixture fixture, PatternRun run, ConformanceEnvironment env, long from)
            throws Exception {
        ExecutorService producer = Executors.newSingleThreadExecutor();
        try {
            Future<Long> sent = producer.submit(() -> {
                long seq = from;
                long start = System.nanoTime();
                for (int second = 0; second < load.toSeconds(); second++) {
                    fixture.produce(run, env, seq, eventsPerSecond);
                    seq += eventsPerSecond;
                    long next = start + (second + 1) * 1_000_000_000L;
                    while (System.nanoTime() < next) {
                        java.util.concurrent.locks.LockSupport.parkNanos(next - System.nanoTime());
                    }
                }
                return seq - from;
            });
            return sent.get();
        } finally {
            producer.shutdownNow();
        }
    }

    /** At most 200 evenly spaced points of the sorted latencies: enough for a CDF chart. */
    private static List<Long> sample(long[] latencies) {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        List<Long> points = new ArrayList<>();
        int step = Math.max(1, sorted.length / 200);
        for (int i = 0; i < sorted.length; i += step) {
            points.add(sorted[i]);
        }
        return points;
    }
}
