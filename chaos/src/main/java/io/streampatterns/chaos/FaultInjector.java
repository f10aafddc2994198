package io.streampatterns.chaos;

import io.streampatterns.chaos.measure.FaultMarker;
import io.streampatterns.chaos.measure.TimelineSampler;
import io.streampatterns.chaos.scenario.FaultAction;
import io.streampatterns.chaos.scenario.FaultTarget;
import io.streampatterns.chaos.scenario.ScenarioPlan.PlannedStep;
import io.streampatterns.core.Checkpoint;
import io.streampatterns.core.kafka.TransactionalKafkaSink;
import io.streampatterns.harness.conformance.TestRun;
import io.streampatterns.harness.kafka.KafkaCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a scenario's steps on the cluster and the driver, and marks each on the timeline: a
 * fault at the moment it strikes, a repair at the moment it is complete (the broker serves, the
 * driver's query runs).
 *
 * <p>Remembers which node a role named (see {@link FaultTarget}) and which nodes it left down or
 * paused, so that {@link #heal()} can bring the cluster back whatever a scenario did.
 */
final class FaultInjector {
    private static final Logger LOG = LoggerFactory.getLogger(FaultInjector.class);
    /** How long a mid-batch step waits for a batch in flight before it acts anyway. */
    static final Duration MID_BATCH_WAIT = Duration.ofSeconds(30);
    /** How long {@code start driver} waits for the restarted driver to commit a batch. */
    static final Duration FIRST_COMMIT_WAIT = Duration.ofSeconds(60);
    /** How long {@code await in-sync} waits. */
    static final Duration IN_SYNC_TIMEOUT = Duration.ofSeconds(120);

    private final KafkaCluster cluster;
    private final DriverSupervisor driver;
    private final TestRun run;
    private final Checkpoint checkpoint;
    private final TimelineSampler timeline;
    private final Map<String, Integer> nodeOfRole = new HashMap<>();
    private final Set<Integer> down = new TreeSet<>();
    private final Set<Integer> paused = new TreeSet<>();
    private final SparkFaults spark;
    private final LongSupplier output;

    /**
     * @param spark the Spark cluster's processes, for executor and worker steps
     * @param output how much output the pipeline has written, to see a batch in flight that its
     *     checkpoint does not show yet (Real-Time Mode)
     */
    FaultInjector(KafkaCluster cluster, DriverSupervisor driver, TestRun run, Checkpoint checkpoint,
                  TimelineSampler timeline, SparkFaults spark, LongSupplier output) {
        this.cluster = cluster;
        this.driver = driver;
        this.run = run;
        this.checkpoint = checkpoint;
        this.timeline = timeline;
        this.spark = spark;
        this.output = output;
    }

    /**
     * Carries out one step and marks it on the timeline.
     *
     * @return what was done, e.g. {@code kill broker 2 (controller)}
     */
    String apply(PlannedStep planned) {
        FaultAction action = planned.step().action();
        FaultTarget target = planned.step().target();
        String inFlight = planned.step().when().midBatch() ? awaitBatchInFlight() : "";
        if (target.kind() == FaultTarget.Kind.IN_SYNC) {
            awaitInSync();
            return mark("all replicas in sync", false, action);
        }
        if (target.isSparkCluster()) {
            return sparkStep(action, target, inFlight);
        }
        if (target.kind() == FaultTarget.Kind.DRIVER) {
            if (action == FaultAction.KILL) {
                String label = mark("kill driver" + inFlight, true, action);
                driver.kill();
                return label;
            }
            long committedBefore = checkpoint.latestCommittedBatch().orElse(-1L);
            driver.start();
            mark("driver running", false, action);
            return "driver running; " + awaitNewCommit(committedBefore);
        }
        int node = resolve(target, planned.randomNode());
        String who = "broker " + node + (target.kind() == FaultTarget.Kind.BROKER_ID ? "" : " (" + role(target) + ")");
        switch (action) {
            case KILL, STOP -> {
                String label = mark(action.word() + " " + who + inFlight, true, action);
                if (action == FaultAction.KILL) {
                    cluster.kill(node);
                } else {
                    cluster.stop(node);
                }
                down.add(node);
                return label;
            }
            case PAUSE -> {
                String label = mark("pause " + who + inFlight, true, action);
                cluster.pause(node);
                paused.add(node);
                return label;
            }
            case RESUME -> {
                cluster.resume(node);
                paused.remove(node);
                return mark("resume " + who, false, action);
            }
            case START -> {
                cluster.restart(node);
                down.remove(node);
                return mark(who + " serving again", false, action);
            }
            default -> throw new IllegalStateException("a broker cannot " + action.word());
        }
    }

    private String sparkStep(FaultAction action, FaultTarget target, String inFlight) {
        if (target.kind() == FaultTarget.Kind.EXECUTOR) {
            String label = mark("kill executor" + inFlight, true, action);
            return label + " (" + spark.killExecutor() + ")";
        }
        if (action == FaultAction.KILL) {
            String label = mark("kill worker" + inFlight, true, action);
            return label + " (" + spark.killBusiestWorker() + ")";
        }
        return mark(spark.restartWorker() + " registered again", false, action);
    }

    /**
     * Marks the timeline and logs the step with its signal and time, so it can be lined up with the
     * brokers' and the driver's logs (which have wall-clock times only).
     */
    private String mark(String label, boolean fault, FaultAction action) {
        FaultMarker marker = timeline.mark(label, fault);
        LOG.info("Chaos {} at {} s since production started: {}{}", fault ? "fault" : "repair",
                String.format(Locale.ROOT, "%.1f", marker.atMillis() / 1000.0), label,
                action.signal().map(signal -> ", " + signal).orElse(""));
        return label;
    }

    private static String role(FaultTarget target) {
        return switch (target.kind()) {
            case BROKER_CONTROLLER -> "controller";
            case BROKER_LEADER -> "leader of the busiest partition";
            case BROKER_TXN_COORDINATOR -> "coordinator of the pipeline's transactions";
            case BROKER_RANDOM -> "random";
            default -> target.toString();
        };
    }

    /** The node a target means; a role is resolved the first time it is named and kept. */
    private int resolve(FaultTarget target, int randomNode) {
        return switch (target.kind()) {
            case BROKER_ID -> target.nodeId();
            case BROKER_RANDOM -> randomNode;
            case BROKER_CONTROLLER -> nodeOfRole.computeIfAbsent(target.alias(), alias -> cluster.activeControllerId());
            case BROKER_LEADER -> nodeOfRole.computeIfAbsent(target.alias(), alias -> leaderOfBusiestPartition());
            case BROKER_TXN_COORDINATOR -> nodeOfRole.computeIfAbsent(target.alias(), alias -> transactionCoordinator());
            default -> throw new IllegalArgumentException(target + " is not a broker");
        };
    }

    private int leaderOfBusiestPartition() {
        TopicPartition busiest = cluster.endOffsets(run.inputTopic()).entrySet().stream()
                .max(Map.Entry.<TopicPartition, Long>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.comparingInt(TopicPartition::partition).reversed())))
                .orElseThrow().getKey();
        return cluster.leaderOf(busiest).orElseThrow(() -> new IllegalStateException(busiest + " has no leader"));
    }

    /**
     * The broker coordinating most of the query's transactional ids ({@code <prefix>-<slice>}, the
     * prefix derived from the query id its checkpoint keeps), as the cluster describes them.
     */
    private int transactionCoordinator() {
        String queryId = checkpoint.queryId().orElseThrow(() -> new IllegalStateException(
                "broker:txn-coordinator: the checkpoint " + checkpoint + " names no query yet"));
        String prefix = TransactionalKafkaSink.defaultTransactionalIdPrefix(queryId) + "-";
        try {
            List<String> ids = cluster.admin().listTransactions().all().get().stream()
                    .map(TransactionListing::transactionalId).filter(id -> id.startsWith(prefix)).toList();
            if (ids.isEmpty()) {
                throw new IllegalStateException("broker:txn-coordinator: the cluster knows no transactional id "
                        + prefix + "*: the pipeline has not written a Kafka transaction yet");
            }
            Map<Integer, Long> slicesPerCoordinator = cluster.admin().describeTransactions(ids).all().get().values()
                    .stream().collect(Collectors.groupingBy(TransactionDescription::coordinatorId, TreeMap::new,
                            Collectors.counting()));
            return slicesPerCoordinator.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        } catch (ExecutionException e) {
            throw new IllegalStateException("broker:txn-coordinator: could not describe the transactions "
                    + prefix + "*: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while finding the transaction coordinator", e);
        }
    }

    /**
     * Waits for a batch in flight, for at most {@link #MID_BATCH_WAIT}: one planned and not committed
     * (a micro-batch logs its offsets before it runs), or output written since the last commit (a
     * Real-Time Mode batch logs its offsets and commit together when it ends, so its checkpoint shows
     * nothing of the batch it is writing).
     *
     * @return a note for the marker's label
     */
    private String awaitBatchInFlight() {
        Instant deadline = Instant.now().plus(MID_BATCH_WAIT);
        long watched = Long.MIN_VALUE;
        long outputAtCommit = 0;
        while (Instant.now().isBefore(deadline) && driver.isUp()) {
            long planned = checkpoint.latestPlannedBatch().orElse(-1L);
            long committed = checkpoint.latestCommittedBatch().orElse(-1L);
            if (planned > committed) {
                return " mid-batch (batch " + planned + " planned, " + committed + " committed)";
            }
            if (committed != watched) {
                watched = committed;
                outputAtCommit = output.getAsLong();
            } else if (committed >= 0 && output.getAsLong() > outputAtCommit) {
                return " mid-batch (batch " + (committed + 1) + " writing, " + committed + " committed)";
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        return " (no batch in flight within " + MID_BATCH_WAIT.toSeconds() + " s)";
    }

    /**
     * Waits until the driver commits a batch beyond {@code committedBefore}, for at most
     * {@link #FIRST_COMMIT_WAIT}, so that the next step strikes a pipeline that works again rather
     * than one still replaying the batch it was killed in.
     *
     * @return a note for the step line
     */
    private String awaitNewCommit(long committedBefore) {
        long started = System.nanoTime();
        Instant deadline = Instant.now().plus(FIRST_COMMIT_WAIT);
        while (Instant.now().isBefore(deadline) && driver.isUp()) {
            long committed = checkpoint.latestCommittedBatch().orElse(-1L);
            if (committed > committedBefore) {
                return String.format(java.util.Locale.ROOT, "committed batch %d %.1f s after its start", committed,
                        (System.nanoTime() - started) / 1e9);
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        return "no batch committed within " + FIRST_COMMIT_WAIT.toSeconds() + " s of its start";
    }

    /** Waits until every partition of the run's topics has every node in its ISR. */
    void awaitInSync() {
        int nodes = cluster.nodeIds().size();
        Instant deadline = Instant.now().plus(IN_SYNC_TIMEOUT);
        String state = "";
        while (Instant.now().isBefore(deadline)) {
            try {
                List<Set<Integer>> isrs = new java.util.ArrayList<>(cluster.inSyncReplicas(run.inputTopic()).values());
                isrs.addAll(cluster.inSyncReplicas(run.outputTopic()).values());
                if (isrs.stream().allMatch(isr -> isr.size() == nodes)) {
                    return;
                }
                state = isrs.toString();
            } catch (RuntimeException e) {
                state = e.getMessage();
            }
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
        }
        throw new IllegalStateException("the replicas of " + run.inputTopic() + " and " + run.outputTopic()
                + " were not all in sync after " + IN_SYNC_TIMEOUT.toSeconds() + " s: " + state);
    }

    /**
     * Brings the cluster back whatever the scenario left: resumes paused nodes, starts nodes that are
     * down, and waits until every replica of the run's topics is in sync.
     *
     * @return what had to be repaired, empty when nothing
     */
    List<String> heal() {
        List<String> repaired = new java.util.ArrayList<>();
        for (int node : List.copyOf(paused)) {
            cluster.resume(node);
            paused.remove(node);
            repaired.add("resumed broker " + node);
        }
        for (int node : cluster.nodeIds()) {
            if (!cluster.isRunning(node)) {
                cluster.restart(node);
                down.remove(node);
                repaired.add("restarted broker " + node);
            }
        }
        spark.heal().ifPresent(repaired::add);
        awaitInSync();
        return repaired;
    }
}
