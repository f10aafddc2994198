package io.streampatterns.harness.conformance.checks;

import io.streampatterns.harness.conformance.ConformanceCheck;
import io.streampatterns.harness.conformance.ConformanceEnvironment;
import io.streampatterns.harness.conformance.LatencyProbe;
import io.streampatterns.harness.conformance.Outcome;
import io.streampatterns.harness.conformance.PipelineUnderTest;
import io.streampatterns.harness.conformance.RunningJob;
import io.streampatterns.harness.conformance.TestRun;
import io.streampatterns.core.Capability;
import java.time.Duration;
import java.util.Optional;

/**
 * Purpose: a Real-Time Mode job keeps the latency it promises. How: the job starts and a warm-up
 * load runs through it (the first records after a start wait seconds for the long-running batch);
 * then events arrive at a nominal rate and each one's end-to-end latency is measured, from the input
 * record's timestamp to the output's. Pass: p99 of the measured records within the budget the job
 * declares ({@link PipelineUnderTest#latencyBudget()}), and every record of the load arrived.
 */
public final class RealTimeLatencyCheck implements ConformanceCheck {
    private final NominalLoad warmUp;
    private final NominalLoad load;

    public RealTimeLatencyCheck(int eventsPerSecond, Duration warmUp, Duration load) {
        this.warmUp = new NominalLoad(eventsPerSecond, warmUp);
        this.load = new NominalLoad(eventsPerSecond, load);
    }

    @Override
    public String name() {
        return "latency";
    }

    @Override
    public String description() {
        return "Under nominal load after warm-up, p99 end-to-end latency stays within the budget the pipeline declares.";
    }

    @Override
    public Optional<String> notApplicableBecause(PipelineUnderTest pipeline) {
        return Checks.requires(pipeline, Capability.REAL_TIME_MODE,
                        "micro-batch latency is held to the SLA by the sla check")
                .or(() -> Checks.requires(pipeline, Capability.TRACEABLE_RECORDS, "latency is measured per record, by seq"))
                .or(() -> pipeline.latencyBudget().isPresent() ? Optional.empty()
                        : Optional.of("the pipeline declares no latency budget (PipelineUnderTest.latencyBudget())"));
    }

    @Override
    public Outcome run(PipelineUnderTest pipeline, ConformanceEnvironment env) throws Exception {
        Duration budget = pipeline.latencyBudget().orElseThrow();
        TestRun run = env.newRun(pipeline, name());
        long[] latencies;
        long measuredFrom;
        long sent;
        try (RunningJob running = Checks.start(pipeline, run)) {
            // 1. Warm up: the long-running batch starts and the code paths are compiled.
            measuredFrom = warmUp.produce(pipeline, run, 0);
            running.processAllAvailable();
            // 2. The measured load.
            sent = load.produce(pipeline, run, measuredFrom);
            running.processAllAvailable();
        }
        // 3. Latency of every measured record.
        latencies = LatencyProbe.measure(pipeline, run, measuredFrom);
        long p50 = LatencyProbe.percentile(latencies, 50);
        long p99 = LatencyProbe.percentile(latencies, 99);
        long max = LatencyProbe.percentile(latencies, 100);
        boolean complete = latencies.length >= sent;
        boolean within = p99 <= budget.toMillis();
        String message = String.format("%d records at %d events/s after %d s of warm-up: p50 %d ms, p99 %d ms, max %d ms; "
                        + "budget p99 %d ms", latencies.length, load.eventsPerSecond(), warmUp.duration().toSeconds(),
                p50, p99, max, budget.toMillis())
                + (within ? "" : "; p99 is over the budget")
                + (complete ? "" : "; only " + latencies.length + " of " + sent + " measured records arrived");
        return Outcome.of(within && complete && latencies.length > 0, message, "p99 " + p99 + " ms of " + budget.toMillis())
                .figure("budget_ms", budget.toMillis())
                .figure("events_per_second", load.eventsPerSecond())
                .figure("measured", latencies.length)
                .figure("latency_p50_ms", p50)
                .figure("latency_p99_ms", p99)
                .figure("latency_max_ms", max)
                .figure("latency_ms_sorted", Checks.cdfSample(latencies));
    }
}
