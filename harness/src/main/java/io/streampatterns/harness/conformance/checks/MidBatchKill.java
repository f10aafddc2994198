package io.streampatterns.harness.conformance.checks;

import io.streampatterns.core.Checkpoint;
import io.streampatterns.harness.conformance.OutputLocation;
import io.streampatterns.harness.conformance.TestRun;
import io.streampatterns.harness.driver.DriverProcess;
import java.io.File;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.apache.hadoop.conf.Configuration;

/**
 * Kills a driver JVM in the middle of a micro-batch, at the worst moment it can find: a batch is
 * planned (offsets logged) but not committed, and its output has already become visible. A replay
 * of that batch writes it again unless the sink is idempotent. The window can be too short to catch
 * (Delta's streaming sink commits its table version just before the commit log), so after a few
 * batches missed it kills at the next planned batch, whatever its output.
 *
 * @param killed whether the driver was killed (false: it died by itself first)
 * @param batch the batch that was planned and not committed when it was killed
 * @param afterOutput whether that batch's output was visible
 */
record MidBatchKill(boolean killed, long batch, boolean afterOutput) {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final Duration POLL = Duration.ofMillis(20);
    private static final int BATCHES_TO_TRY = 3;

    static MidBatchKill during(DriverProcess driver, TestRun run, OutputLocation output) {
        Checkpoint checkpoint = Checkpoint.at(run.checkpointLocation(), new Configuration());
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long watched = -1;
        long outputAtPlan = -1;
        int missed = 0;
        while (driver.isAlive() && System.nanoTime() < deadline) {
            long planned = checkpoint.latestPlannedBatch().orElse(-1L);
            long committed = checkpoint.latestCommittedBatch().orElse(-1L);
            if (planned >= 1 && planned > committed) {
                if (planned != watched) {
                    missed += watched >= 0 ? 1 : 0;
                    watched = planned;
                    outputAtPlan = outputSize(run, output);
                }
                boolean visible = outputSize(run, output) > outputAtPlan;
                if (visible || missed >= BATCHES_TO_TRY) {
                    driver.kill();
                    return new MidBatchKill(true, planned, visible);
                }
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
        if (driver.isAlive()) {
            driver.kill();
            throw new IllegalStateException("no micro-batch was planned and uncommitted within " + TIMEOUT.toSeconds()
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
