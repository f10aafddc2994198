package io.streampatterns.harness.conformance.checks;

import io.streampatterns.core.Capability;
import io.streampatterns.core.Checkpoint;
import io.streampatterns.harness.conformance.ConformanceCheck;
import io.streampatterns.harness.conformance.ConformanceEnvironment;
import io.streampatterns.harness.conformance.DeliveryVerdict;
import io.streampatterns.harness.conformance.OutputLocation;
import io.streampatterns.harness.conformance.OutputReaders;
import io.streampatterns.harness.conformance.Outcome;
import io.streampatterns.harness.conformance.PipelineUnderTest;
import io.streampatterns.harness.conformance.TestRun;
import io.streampatterns.harness.conformance.WindowedAggregates;
import io.streampatterns.harness.driver.DriverProcess;
import io.streampatterns.harness.spark.SparkParallelism;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * Purpose: a pipeline restarted from its checkpoint on other parallelism keeps its guarantee and
 * its state. Scaling a cluster between runs changes how many tasks read a batch (and, where a job
 * sizes its reads by the cluster, which records each task gets); a job that makes its writes
 * idempotent per task (Spark's ForeachWriter contract of partition id and epoch) then replays a
 * batch cut differently. How: a backlog of events, then the pipeline runs under a steady load in a child JVM with one task slot (in Real-Time
 * Mode, one more than its source partitions) and 5 shuffle partitions, and is killed with SIGKILL
 * mid-batch, once that batch's output is visible where it can be; it restarts from the checkpoint
 * in this JVM's session (2 slots, 2 shuffle partitions) and catches up. Pass: the output holds every
 * event as the guarantee requires, or, for windowed aggregates, every window's latest count and sum
 * equal the input's. The report says how many shuffle partitions the restarted query used (Spark
 * keeps the checkpoint's).
 */
public final class RescaleCheck implements ConformanceCheck {
    private static final int FIRST_RUN_SHUFFLE_PARTITIONS = 5;
    private final int events;
    private final long cap;
    private final int eventsPerSecond;

    /**
     * @param events the backlog produced before the first run
     * @param cap the batch cap, where the pipeline has one, so the backlog spans several batches
     * @param eventsPerSecond the load while the first run's driver runs, until it is killed
     */
    public RescaleCheck(int events, long cap, int eventsPerSecond) {
        this.events = events;
        this.cap = cap;
        this.eventsPerSecond = eventsPerSecond;
    }

    @Override
    public String name() {
        return "rescale";
    }

    @Override
    public String description() {
        return "Killed mid-batch on 1 task slot and 5 shuffle partitions, restarted from the checkpoint on 2 and 2: "
                + "the guarantee holds, windowed state is kept.";
    }

    @Override
    public Optional<String> notApplicableBecause(PipelineUnderTest pipeline) {
        Optional<String> restarts = Checks.requires(pipeline, Capability.CHECKPOINT_RESTART,
                "it does not resume from a checkpoint");
        if (restarts.isPresent() || pipeline.capabilities().contains(Capability.WINDOWED_AGGREGATES)) {
            return restarts;
        }
        return Checks.requires(pipeline, Capability.TRACEABLE_RECORDS,
                "its output records do not carry the input's seq, nor does it write windowed aggregates");
    }

    @Override
    public Outcome run(PipelineUnderTest pipeline, ConformanceEnvironment env) throws Exception {
        // 1. Input, and a batch cap (where the pipeline has one) so the run spans many batches.
        TestRun fresh = env.newRun(pipeline, name());
        TestRun run = pipeline.capabilities().contains(Capability.CAPPED_BATCHES) ? fresh.withMaxOffsetsPerTrigger(cap) : fresh;
        pipeline.produce(run, 0, events);
        Optional<WindowedAggregates> aggregates = pipeline.capabilities().contains(Capability.WINDOWED_AGGREGATES)
                ? pipeline.aggregates(run) : Optional.empty();
        OutputLocation output = aggregates.map(OutputReaders::aggregateOutput).orElseGet(() -> pipeline.output(run));
        // 2. The first run in a child JVM on other parallelism, killed mid-batch.
        SparkParallelism first = firstRunParallelism(pipeline);
        MidBatchKill.Killed killed = MidBatchKill.inChildJvm(pipeline, run, output, first, events, eventsPerSecond);
        if (killed.diedByItself().isPresent()) {
            return killed.diedByItself().get();
        }
        MidBatchKill kill = killed.kill();
        // 3. Restart from the checkpoint on this JVM's parallelism and catch up.
        Checks.runUntilCaughtUp(pipeline, run);
        String shuffle = Checkpoint.at(run.checkpointLocation(), new Configuration())
                .recordedSetting("spark.sql.shuffle.partitions").orElse("?");
        String how = "killed in batch " + kill.batch() + (kill.afterOutput() ? " after its output" : "") + " on " + first
                + ", restarted on " + SparkParallelism.ofThisJvm().taskSlots() + " task slots (the restart ran "
                + shuffle + " shuffle partitions, as recorded in the checkpoint); ";
        // 4. Everything is there as promised; aggregates window by window.
        Outcome outcome = aggregates.isPresent() ? Checks.aggregatesOutcome(run, env, aggregates.get(), how)
                : recordsVerdict(pipeline, run, events + killed.loaded(), how);
        return outcome.figure("first_run_task_slots", first.taskSlots())
                .figure("first_run_shuffle_partitions", first.shufflePartitions())
                .figure("restart_task_slots", SparkParallelism.ofThisJvm().taskSlots())
                .figure("restart_shuffle_partitions", shuffle)
                .figure("killed_in_batch", kill.batch())
                .figure("killed_after_output", kill.afterOutput());
    }

    /** One slot, or in Real-Time Mode (a long-lived task per source partition) one more than the partitions. */
    private static SparkParallelism firstRunParallelism(PipelineUnderTest pipeline) {
        int slots = pipeline.capabilities().contains(Capability.REAL_TIME_MODE) ? pipeline.inputPartitions() + 1 : 1;
        return new SparkParallelism(slots, FIRST_RUN_SHUFFLE_PARTITIONS);
    }

    private Outcome recordsVerdict(PipelineUnderTest pipeline, TestRun run, long sent, String how) {
        DeliveryVerdict verdict = DeliveryVerdict.of(pipeline.deliveryGuarantee(), 0, sent, Checks.outputSeqs(pipeline, run));
        return Outcome.of(verdict.passed(), how + pipeline.deliveryGuarantee() + ": " + verdict.describe(),
                        Checks.received(verdict.received(), sent, verdict.duplicates()))
                .figure("sent", sent)
                .figure("written", verdict.received())
                .figure("missing", verdict.missing().size())
                .figure("duplicates", verdict.duplicates());
    }

}
