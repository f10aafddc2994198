package io.streampatterns.harness.conformance.checks;

import io.streampatterns.core.Checkpoint;
import io.streampatterns.harness.conformance.OutputLocation;
import io.streampatterns.harness.conformance.Outcome;
import io.streampatterns.harness.conformance.PipelineUnderTest;
import io.streampatterns.harness.conformance.TestRun;
import io.streampatterns.harness.driver.DriverProcess;
import io.streampatterns.harness.spark.SparkParallelism;
import java.io.File;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.apache.hadoop.conf.Configuration;

/**
 * Kills a driver JVM in the middle of a batch, at the worst moment it can find: a batch is in
 * flight (not committed) and its output has already become visible. A replay of that batch writes
 * it again unless the sink is idempotent. The batch in flight is the one planned and not committed
 * (a micro-batch logs its offsets before it runs), else the one after the last committed (a
 * Real-Time Mode batch logs its offsets and its commit together when it ends, measured on Spark 4.2,
 * so its output grows while the checkpoint shows nothing of it). The window can be too short to
 * catch (Delta's streaming sink commits its table version just before the commit log), so after a
 * few batches missed it kills in the next batch, whatever its output.
 *
 * @param killed whether the driver was killed (false: it died by itself first)
 * @param batch the batch in flight, not committed, when it was killed
 * @param afterOutput whether that batch's output was visible
 */
record MidBatchKill(boolean killed, long batch, boolean afterOutput) {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final Duration POLL = Duration.ofMillis(20);
    private static final int BATCHES_TO_TRY = 3;

    /**
     * Starts {@code pipeline} on {@code run} in a child JVM on {@code parallelism}, sends it a steady
     * load from seq {@code from} while it runs, and kills it mid-batch; the load stops with the kill.
     * The load gives the batch the kill lands in records to write: without it a Real-Time Mode query,
     * whose first batch reads a whole backlog, would only plan empty batches after it.
     *
     * @return the kill, how many events the load sent, and the end of the driver's log
     */
    static Killed inChildJvm(PipelineUnderTest pipeline, TestRun run, OutputLocation output, SparkParallelism parallelism,
                             long from, int eventsPerSecond) throws Exception {
        try (DriverProcess driver = DriverProcess.start(pipeline, run, parallelism);
             SteadyLoad load = SteadyLoad.start(pipeline, run, from, eventsPerSecond)) {
            MidBatchKill kill = during(driver, run, output);
            return new Killed(kill, load.stop(), driver.tail());
        }
    }

    /**
     * @param kill where the driver was killed
     * @param loaded how many events the steady load sent while the driver ran
     * @param driverTail the last lines of the driver's log
     */
    record Killed(MidBatchKill kill, long loaded, String driverTail) {
        /** A failed outcome when the driver died by itself before it could be killed; empty when it was killed. */
        Optional<Outcome> diedByItself() {
            return kill.killed() ? Optional.empty()
                    : Optional.of(Outcome.fail("the driver JVM died by itself before it could be killed:\n" + driverTail,
                            "driver died"));
        }
    }

    static MidBatchKill during(DriverProcess driver, TestRun run, OutputLocation output) {
        Checkpoint checkpoint = Checkpoint.at(run.checkpointLocation(), new Configuration());
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long watched = -1;
        long outputAtPlan = -1;
        int missed = 0;
        while (driver.isAlive() && System.nanoTime() < deadline) {
            long planned = checkpoint.latestPlannedBatch().orElse(-1L);
            long committed = checkpoint.latestCommittedBatch().orElse(-1L);
            long inFlight = planned > committed ? planned : committed + 1;
            if (inFlight >= 1) {
                if (inFlight != watched) {
                    missed += watched >= 0 ? 1 : 0;
                    watched = inFlight;
                    outputAtPlan = outputSize(run, output);
                }
                boolean visible = outputSize(run, output) > outputAtPlan;
                if (visible || missed >= BATCHES_TO_TRY) {
                    driver.kill();
                    return new MidBatchKill(true, inFlight, visible);
                }
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
        if (driver.isAlive()) {
            driver.kill();
            throw new IllegalStateException("no batch after the first was in flight within " + TIMEOUT.toSeconds()
                    + " s; is the pipeline reading " + run.inputTopic() + "?\n" + driver.tail());
        }
        return new MidBatchKill(false, watched, false);
    }

    /**
     * How much output is visible: table versions of a Delta table, records of a topic up to its last
     * stable offset (records of a transaction not yet committed are not visible).
     */
    private static long outputSize(TestRun run, OutputLocation output) {
        if (output instanceof OutputLocation.DeltaTable table) {
            String[] commits = new File(table.path(), "_delta_log").list((dir, name) -> name.endsWith(".json"));
            return commits == null ? 0 : commits.length;
        }
        String topic = ((OutputLocation.KafkaTopic) output).topic();
        return run.environment().kafka().lastStableOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
    }
}
