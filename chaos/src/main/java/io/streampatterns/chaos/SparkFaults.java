package io.streampatterns.chaos;

import io.streampatterns.harness.spark.SparkNode;
import io.streampatterns.harness.spark.StandaloneCluster;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The faults a scenario sends the Spark cluster the kit started: SIGKILL an executor of the
 * pipeline's application, SIGKILL a worker (its executors die with it) and start it again. The
 * pipeline's executors are told apart from the chaos run's own session's (which reads the output
 * back) by the application id on their command line.
 */
final class SparkFaults {
    private static final Pattern APP_ID = Pattern.compile("--app-id (\\S+)");
    private static final Duration WORKER_START = Duration.ofSeconds(60);

    private final Optional<StandaloneCluster> cluster;
    private final String ownApplicationId;
    private SparkNode killedWorker;

    /**
     * @param cluster the cluster the kit started, empty on {@code local[n]} or a cluster it did not start
     * @param ownApplicationId the chaos run's own session's application, whose executors are never struck
     */
    SparkFaults(Optional<StandaloneCluster> cluster, String ownApplicationId) {
        this.cluster = cluster;
        this.ownApplicationId = ownApplicationId;
    }

    /** Kills one executor of the pipeline (the longest-running) and waits until its JVM is gone. */
    String killExecutor() {
        ProcessHandle executor = pipelineExecutors(cluster().executors()).stream()
                .min(Comparator.comparing(handle -> handle.info().startInstant().orElse(java.time.Instant.MAX)))
                .orElseThrow(() -> new IllegalStateException("the pipeline has no executor running on " + cluster().masterUrl()));
        String what = "pid " + executor.pid() + " of " + applicationOf(executor).orElse("?");
        executor.destroyForcibly();
        try {
            executor.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("executor " + what + " did not exit within 30 s of SIGKILL", e);
        }
        return what;
    }

    /** Kills the worker running the most of the pipeline's executors, which take theirs with them. */
    String killBusiestWorker() {
        SparkNode worker = cluster().workers().stream().filter(SparkNode::isRunning)
                .max(Comparator.comparingInt(node -> pipelineExecutors(node.executors()).size()))
                .orElseThrow(() -> new IllegalStateException("no Spark worker is running"));
        int executors = pipelineExecutors(worker.executors()).size();
        worker.kill();
        killedWorker = worker;
        return worker + " with " + executors + " of the pipeline's executors";
    }

    /** Starts the killed worker again and waits until it registered with the master. */
    String restartWorker() {
        if (killedWorker == null) {
            throw new IllegalStateException("start worker:busiest: no worker was killed before");
        }
        killedWorker.restart(WORKER_START);
        return killedWorker.toString();
    }

    /** Starts a worker a scenario left down; empty when none was. */
    Optional<String> heal() {
        if (killedWorker == null || killedWorker.isRunning()) {
            return Optional.empty();
        }
        killedWorker.restart(WORKER_START);
        return Optional.of("restarted Spark " + killedWorker);
    }

    private List<ProcessHandle> pipelineExecutors(List<ProcessHandle> executors) {
        return executors.stream().filter(handle -> applicationOf(handle).filter(id -> !id.equals(ownApplicationId)).isPresent())
                .toList();
    }

    private static Optional<String> applicationOf(ProcessHandle executor) {
        Matcher id = APP_ID.matcher(executor.info().commandLine().orElse(""));
        return id.find() ? Optional.of(id.group(1)) : Optional.empty();
    }

    private StandaloneCluster cluster() {
        return cluster.orElseThrow(() -> new IllegalStateException(
                "executor and worker faults need the Spark cluster the kit starts: SPARK_CLUSTER=standalone"));
    }
}
