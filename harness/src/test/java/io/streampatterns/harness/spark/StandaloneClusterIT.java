package io.streampatterns.harness.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The standalone cluster the harness starts from the build's jars: its start, a worker's restart, a start that fails. */
class StandaloneClusterIT {

    /**
     * Purpose: a chaos scenario can take a worker away and bring it back.
     * How: a master and two workers; worker 1 killed with SIGKILL, then restarted on its ports.
     * Pass: both registered at start; the killed worker's JVM is gone; restarted, it registers with
     * the master again (its log says so a second time).
     */
    @Test
    void startsAndRestartsAWorker() throws Exception {
        try (StandaloneCluster cluster = StandaloneCluster.start(new StandaloneCluster.Spec(2, 1, "1g"))) {
            // 1. Up: the master's URL on the loopback, two workers registered
            assertThat(cluster.masterUrl()).matches("spark://127\\.0\\.0\\.1:\\d+");
            assertThat(cluster.workers()).allMatch(SparkNode::isRunning);

            // 2. Kill worker 1
            SparkNode worker = cluster.workers().get(0);
            worker.kill();
            assertThat(worker.isRunning()).isFalse();

            // 3. Restart it: registered again
            worker.restart(Duration.ofSeconds(60));
            assertThat(worker.isRunning()).isTrue();
            assertThat(Files.readString(worker.log())).containsSubsequence("Successfully registered with master",
                    "Successfully registered with master");
        }
    }

    /**
     * Purpose: a worker that cannot start fails the cluster's start at once, saying which and why,
     * instead of leaving the run to wait for executors.
     * How: workers of 0 cores, which Spark's worker refuses. Pass: the error names worker 1, says it
     * exited, and quotes its log.
     */
    @Test
    void aWorkerThatCannotStartFailsTheStartWithItsLog() {
        assertThatThrownBy(() -> StandaloneCluster.start(new StandaloneCluster.Spec(1, 1, "0")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the Spark worker 1 exited with")
                .hasMessageContaining("Last 40 lines of");
    }
}
