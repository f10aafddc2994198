package io.streampatterns.chaos.scenario;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a step acts on, as written in a scenario script.
 *
 * <p>A broker named by its role ({@code broker:controller}, {@code broker:leader},
 * {@code broker:txn-coordinator}) is resolved to a
 * node id the first time a step of the scenario names it, and every later step that names the same
 * role means that same node: {@code kill broker:controller; +10s start broker:controller} restarts
 * the node that was killed, although it is no longer the controller then.
 *
 * @param kind what kind of target
 * @param nodeId the node of a {@link Kind#BROKER_ID} target, else 0
 */
public record FaultTarget(Kind kind, int nodeId) {

    /** The kinds of targets and the actions each accepts. */
    public enum Kind {
        /** The pipeline's driver JVM. */
        DRIVER("driver", EnumSet.of(FaultAction.KILL, FaultAction.START)),
        /** The active KRaft controller (the quorum leader). */
        BROKER_CONTROLLER("broker:controller", brokerActions()),
        /** The leader of the input topic's busiest partition (the one with the highest end offset). */
        BROKER_LEADER("broker:leader", brokerActions()),
        /**
         * The transaction coordinator of the pipeline's Kafka transactions: the leader of the
         * {@code __transaction_state} partition that the most of its transactional ids hash to.
         */
        BROKER_TXN_COORDINATOR("broker:txn-coordinator", brokerActions()),
        /** A node chosen by the scenario's seed. */
        BROKER_RANDOM("broker:random", brokerActions()),
        /** A node by its id, 1 to 3. */
        BROKER_ID("broker:<id>", brokerActions()),
        /**
         * An executor JVM of the pipeline's application on the Spark cluster the kit started; the
         * cluster launches a replacement by itself, so there is nothing to start.
         */
        EXECUTOR("executor", EnumSet.of(FaultAction.KILL)),
        /**
         * The Spark worker running the most executors of the pipeline's application (its executors die
         * with it); resolved once, like a broker's role, so {@code start worker:busiest} restarts it.
         */
        WORKER_BUSIEST("worker:busiest", EnumSet.of(FaultAction.KILL, FaultAction.START)),
        /** The replicas of the run's topics, for {@code await in-sync}. */
        IN_SYNC("in-sync", EnumSet.of(FaultAction.AWAIT));

        private final String word;
        private final Set<FaultAction> actions;

        Kind(String word, Set<FaultAction> actions) {
            this.word = word;
            this.actions = actions;
        }

        private static Set<FaultAction> brokerActions() {
            return EnumSet.of(FaultAction.KILL, FaultAction.STOP, FaultAction.PAUSE, FaultAction.RESUME, FaultAction.START);
        }

        /** The actions a target of this kind accepts. */
        public Set<FaultAction> actions() {
            return actions;
        }
    }

    /** The highest node id a script may name: the chaos cluster has three nodes. */
    public static final int MAX_NODE_ID = 3;

    public static FaultTarget driver() {
        return new FaultTarget(Kind.DRIVER, 0);
    }

    public static FaultTarget broker(int nodeId) {
        return new FaultTarget(Kind.BROKER_ID, nodeId);
    }

    /**
     * Reads a target word: {@code driver}, {@code broker:controller}, {@code broker:leader},
     * {@code broker:txn-coordinator}, {@code broker:random}, {@code broker:1} .. {@code broker:3},
     * {@code executor}, {@code worker:busiest} or {@code in-sync}.
     *
     * @throws IllegalArgumentException naming what was expected
     */
    static FaultTarget parse(String word) {
        for (Kind kind : Kind.values()) {
            if (kind != Kind.BROKER_ID && kind.word.equals(word)) {
                return new FaultTarget(kind, 0);
            }
        }
        if (word.matches("broker:\\d+")) {
            int id = Integer.parseInt(word.substring("broker:".length()));
            if (id < 1 || id > MAX_NODE_ID) {
                throw new IllegalArgumentException("node " + id + " does not exist: the chaos cluster has nodes 1 to "
                        + MAX_NODE_ID);
            }
            return broker(id);
        }
        throw new IllegalArgumentException("unknown target '" + word + "': expected driver, broker:controller, "
                + "broker:leader, broker:txn-coordinator, broker:random, broker:1.." + MAX_NODE_ID
                + ", executor, worker:busiest or in-sync");
    }

    /** Whether this is a broker. */
    public boolean isBroker() {
        return kind != Kind.DRIVER && kind != Kind.IN_SYNC && !isSparkCluster();
    }

    /** Whether this is a process of the Spark cluster: an executor or a worker. */
    public boolean isSparkCluster() {
        return kind == Kind.EXECUTOR || kind == Kind.WORKER_BUSIEST;
    }

    /** The key under which a resolved node id is remembered for later steps: the target as written. */
    public String alias() {
        return kind == Kind.BROKER_ID ? "broker:" + nodeId : kind.word;
    }

    @Override
    public String toString() {
        return alias();
    }
}
