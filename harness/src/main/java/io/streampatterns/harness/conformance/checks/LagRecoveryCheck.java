package io.streampatterns.harness.conformance.checks;

import io.streampatterns.core.monitor.ConsumerLag;
import io.streampatterns.harness.conformance.ConformanceCheck;
import io.streampatterns.harness.conformance.ConformanceEnvironment;
import io.streampatterns.harness.conformance.Outcome;
import io.streampatterns.harness.conformance.RunningJob;
import io.streampatterns.harness.conformance.PipelineUnderTest;
import io.streampatterns.harness.conformance.TestRun;
import io.streampatterns.core.Capability;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * Purpose: a pipeline that starts behind drains its backlog in bounded batches, and its lag monitor
 * tells the truth. How: a backlog is produced before the pipeline starts with a batch cap; it runs
 * until caught up. Pass: no batch reads more than the cap; the monitor's lag falls to zero; at every
 * batch the monitor's lag equals the broker's end offsets minus what the pipeline had read.
 */
public final class LagRecoveryCheck implements ConformanceCheck {
    private final int backlog;
    private final long cap;

    public LagRecoveryCheck(int backlog, long cap) {
        this.backlog = backlog;
        this.cap = cap;
    }

    @Override
    public String name() {
        return "lag";
    }

    @Override
    public String description() {
        return "A preloaded backlog drains in batches no larger than maxOffsetsPerTrigger; the lag monitor agrees "
                + "with the broker's end offsets and falls to zero.";
    }

    @Override
    public Optional<String> notApplicableBecause(PipelineUnderTest pipeline) {
        return Checks.requires(pipeline, Capability.CAPPED_BATCHES,
                "it does not cap batches (Real-Time Mode has no maxOffsetsPerTrigger)");
    }

    @Override
    public Outcome run(PipelineUnderTest pipeline, ConformanceEnvironment env) throws Exception {
        // 1. Preload the backlog.
        TestRun run = env.newRun(pipeline, name()).withMaxOffsetsPerTrigger(cap);
        pipeline.produce(run, 0, backlog);
        long brokerEnd = env.kafka().endOffsets(run.inputTopic()).values().stream().mapToLong(Long::longValue).sum();
        // 2. Drain it.
        List<StreamingQueryProgress> progress;
        ConsumerLag finalLag;
        long started = System.nanoTime();
        try (RunningJob running = Checks.start(pipeline, run)) {
            running.processAllAvailable();
            progress = running.progressHistory();
            finalLag = running.consumerLag();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        // 3. Batch sizes, the lag series, and whether the monitor agreed with the broker at each batch.
        List<Long> lagSeries = new ArrayList<>();
        List<Double> lagSeconds = new ArrayList<>();
        List<Long> batchSizes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        long read = 0;
        for (StreamingQueryProgress p : progress) {
            if (p.numInputRows() == 0) {
                continue;
            }
            read += p.numInputRows();
            long lag = ConsumerLag.of(p).total();
            batchSizes.add(p.numInputRows());
            lagSeries.add(lag);
            lagSeconds.add(Checks.round(secondsBetween(progress.get(0), p)));
            if (p.numInputRows() > cap && problems.size() < 3) {
                problems.add("batch " + p.batchId() + " read " + p.numInputRows() + " records, over the cap of " + cap);
            }
            if (lag != brokerEnd - read && problems.size() < 3) {
                problems.add("after batch " + p.batchId() + " the monitor said lag " + lag + ", the broker's end offsets say "
                        + (brokerEnd - read));
            }
        }
        if (finalLag.total() != 0) {
            problems.add("lag did not fall to zero: " + finalLag.byPartition());
        }
        if (read != backlog) {
            problems.add("expected the pipeline to read the backlog of " + backlog + ", it read " + read);
        }
        long maxBatch = batchSizes.stream().mapToLong(Long::longValue).max().orElse(0);
        double rate = read / Math.max(seconds, 0.001);
        String message = problems.isEmpty()
                ? String.format("backlog of %,d drained in %d batches (largest %,d, cap %,d) in %.1f s, %,.0f records/s; "
                        + "the monitor's lag matched the broker at every batch", backlog, batchSizes.size(), maxBatch, cap, seconds, rate)
                : String.join("; ", problems);
        return Outcome.of(problems.isEmpty(), message, String.format("%.1f s, %d batches", seconds, batchSizes.size()))
                .figure("backlog", backlog)
                .figure("cap", cap)
                .figure("batches", batchSizes.size())
                .figure("largest_batch", maxBatch)
                .figure("drain_seconds", Checks.round(seconds))
                .figure("records_per_second", Math.round(rate))
                .figure("lag_after_batch", lagSeries)
                .figure("seconds_at_batch_end", lagSeconds)
                .figure("broker_end_offsets", brokerEnd(env, run));
    }

    /** Seconds from the start of the first batch to the end of batch {@code p}. */
    private static double secondsBetween(StreamingQueryProgress first, StreamingQueryProgress p) {
        long start = java.time.Instant.parse(first.timestamp()).toEpochMilli();
        long end = java.time.Instant.parse(p.timestamp()).toEpochMilli() + p.durationMs().getOrDefault("triggerExecution", 0L);
        return (end - start) / 1000.0;
    }

    private static long brokerEnd(ConformanceEnvironment env, TestRun run) {
        Map<TopicPartition, Long> ends = env.kafka().endOffsets(run.inputTopic());
        return ends.values().stream().mapToLong(Long::longValue).sum();
    }
}
