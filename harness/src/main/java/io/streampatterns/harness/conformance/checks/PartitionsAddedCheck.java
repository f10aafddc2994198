package io.streampatterns.harness.conformance.checks;

import io.streampatterns.core.Capability;
import io.streampatterns.harness.conformance.ConformanceCheck;
import io.streampatterns.harness.conformance.ConformanceEnvironment;
import io.streampatterns.harness.conformance.DeliveryVerdict;
import io.streampatterns.harness.conformance.Outcome;
import io.streampatterns.harness.conformance.PipelineUnderTest;
import io.streampatterns.harness.conformance.RunningJob;
import io.streampatterns.harness.conformance.TestRun;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * Purpose: partitions added to the input topic while the pipeline runs are read from their first
 * record (a job pinned to the partitions it started with, or one that starts new partitions at
 * their latest offset, loses what they receive). How: half the events go to the topic's N
 * partitions and are processed; the topic grows to N+2 partitions while the query runs; the other
 * half is produced round-robin over all N+2, so the new partitions hold records from offset 0; the
 * pipeline catches up with every partition's end offset. Pass: the events sent to the new
 * partitions are in the output, and the output holds every event as the guarantee requires; for
 * windowed aggregates, every window's latest count and sum equal the whole input's.
 */
public final class PartitionsAddedCheck implements ConformanceCheck {
    private static final int ADDED = 2;
    /** How long a job may take to find and read new partitions (Spark's source looks for them each trigger). */
    private static final Duration DISCOVERY = Duration.ofSeconds(30);
    private final int events;

    public PartitionsAddedCheck(int events) {
        this.events = events;
    }

    @Override
    public String name() {
        return "partitions";
    }

    @Override
    public String description() {
        return "The input topic grows from N to N+2 partitions while the pipeline runs: the new partitions are read "
                + "from their first record, nothing is lost, the guarantee holds.";
    }

    @Override
    public Optional<String> notApplicableBecause(PipelineUnderTest pipeline) {
        if (pipeline.capabilities().contains(Capability.REAL_TIME_MODE)) {
            return Optional.of("Real-Time Mode needs a task slot per source partition for its long-lived tasks (the "
                    + "pattern refuses to start with fewer): grow the cluster before the topic, then restart");
        }
        return Checks.requiresSeqsOrAggregates(pipeline);
    }

    @Override
    public Outcome run(PipelineUnderTest pipeline, ConformanceEnvironment env) throws Exception {
        TestRun run = env.newRun(pipeline, name());
        int before = pipeline.inputPartitions();
        int after = before + ADDED;
        int firstHalf = events / 2;
        boolean caughtUp;
        try (RunningJob running = Checks.start(pipeline, run)) {
            // 1. The first half on the topic's partitions, processed.
            pipeline.produce(run, 0, firstHalf);
            running.catchUpWith(env.kafka().endOffsets(run.inputTopic()), Duration.ofMinutes(5));
            // 2. The topic grows while the query runs.
            env.kafka().addPartitions(run.inputTopic(), after);
            // 3. The second half over every partition, the new ones from offset 0; catch up with all.
            Checks.produceRoundRobin(pipeline, run, firstHalf, events - firstHalf, after);
            caughtUp = running.catchUpWith(env.kafka().endOffsets(run.inputTopic()), DISCOVERY);
        }
        String grew = "grew from " + before + " to " + after + " partitions mid-stream; "
                + (caughtUp ? "" : "not caught up with every partition within " + DISCOVERY.toSeconds() + " s; ");
        // 4. Aggregates: every window counts the new partitions' events too.
        if (pipeline.capabilities().contains(Capability.WINDOWED_AGGREGATES)) {
            return Checks.aggregatesOutcome(run, env, pipeline.aggregates(run).orElseThrow(() -> new IllegalStateException(
                    pipeline.name() + " declares WINDOWED_AGGREGATES but aggregates(run) describes none")), grew)
                    .figure("partitions_before", before)
                    .figure("partitions_after", after);
        }
        // 4. Records: the new partitions' events are there, and everything is as the guarantee requires.
        long[] output = Checks.outputSeqs(pipeline, run);
        DeliveryVerdict verdict = DeliveryVerdict.of(pipeline.deliveryGuarantee(), 0, events, output);
        Set<Long> written = Arrays.stream(output).boxed().collect(Collectors.toSet());
        long[] toNew = LongStream.range(firstHalf, events).filter(seq -> seq % after >= before).toArray();
        long newWritten = Arrays.stream(toNew).filter(written::contains).count();
        String newPartitions = newWritten + " of the " + toNew.length + " events sent to the new partitions " + before
                + ".." + (after - 1) + " written";
        return Outcome.of(verdict.passed() && newWritten == toNew.length,
                        grew + newPartitions + "; "
                                + pipeline.deliveryGuarantee() + ": " + verdict.describe(),
                        newWritten + "/" + toNew.length + " new, " + Checks.received(verdict.received(), events,
                                verdict.duplicates()))
                .figure("partitions_before", before)
                .figure("partitions_after", after)
                .figure("sent_to_new_partitions", toNew.length)
                .figure("written_from_new_partitions", newWritten)
                .figure("sent", events)
                .figure("written", verdict.received())
                .figure("missing", verdict.missing().size())
                .figure("duplicates", verdict.duplicates());
    }
}
