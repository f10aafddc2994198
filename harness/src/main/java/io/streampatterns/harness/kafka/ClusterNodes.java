package io.streampatterns.harness.kafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The nodes of one cluster by id, for node control: finds the {@link BrokerNode} a test means (and
 * refuses an id the cluster does not have), tells where the nodes listen, gathers every node's log
 * tail for a failed test, and takes the whole cluster down at once. Each node keeps the ports chosen
 * here for its whole life, so clients, the other voters and the quorum configuration stay valid
 * across restarts. The signals themselves are {@link BrokerNode}'s; launching is {@link ClusterStartup}'s.
 */
final class ClusterNodes {

    /** How long a killed node may take to be gone when the cluster closes. */
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);

    private final Map<Integer, BrokerNode> nodes;

    private ClusterNodes(Map<Integer, BrokerNode> nodes) {
        this.nodes = nodes;
    }

    /**
     * Chooses free ports for every node and gives each a folder {@code node-<id>} under {@code root};
     * starts nothing. Node ids run from 1 to {@link ClusterSpec#brokers()}.
     *
     * @param spec the cluster's size and whether its nodes have a SASL_SSL listener
     * @param root the cluster's folder
     * @param libs the broker's jars (see {@link BrokerLibraries})
     * @return the nodes, none running
     */
    static ClusterNodes allocate(ClusterSpec spec, Path root, Path libs) {
        Path watchdogDir = root.resolve("launcher");
        ChildJvm.installWatchdog(watchdogDir);
        int perNode = spec.hasSaslSslListener() ? 3 : 2;
        List<Integer> ports = FreePorts.allocate(perNode * spec.brokers());
        Map<Integer, BrokerNode> nodes = new LinkedHashMap<>();
        for (int id = 1; id <= spec.brokers(); id++) {
            int first = perNode * (id - 1);
            NodeAddress address = new NodeAddress(id, ports.get(first), ports.get(first + 1),
                    spec.hasSaslSslListener() ? ports.get(first + 2) : 0);
            nodes.put(id, new BrokerNode(address, root.resolve("node-" + id), libs, watchdogDir));
        }
        return new ClusterNodes(nodes);
    }

    /**
     * @param nodeId 1 to {@code brokers}
     * @return that node
     * @throws IllegalArgumentException if the cluster has no such node
     */
    BrokerNode node(int nodeId) {
        BrokerNode node = nodes.get(nodeId);
        if (node == null) {
            throw new IllegalArgumentException("no node " + nodeId + "; this cluster has nodes " + nodes.keySet());
        }
        return node;
    }

    /** @return every node, in id order */
    Collection<BrokerNode> all() {
        return nodes.values();
    }

    /** @return the node ids, in order */
    List<Integer> ids() {
        return List.copyOf(nodes.keySet());
    }

    /** @return every node's ports, in id order */
    List<NodeAddress> addresses() {
        return nodes.values().stream().map(BrokerNode::address).collect(Collectors.toList());
    }

    /** @return {@code 127.0.0.1:<port>} of every node's PLAINTEXT listener, comma-separated */
    String bootstrapServers() {
        return nodes.values().stream().map(n -> n.address().brokerEndpoint()).collect(Collectors.joining(","));
    }

    /** @return {@code 127.0.0.1:<port>} of every node's SASL_SSL listener, comma-separated */
    String saslSslBootstrapServers() {
        return nodes.values().stream().map(n -> n.address().saslSslEndpoint()).collect(Collectors.joining(","));
    }

    /** @return each node's log file followed by its last lines, node by node */
    String describeLogs() {
        StringBuilder text = new StringBuilder();
        nodes.forEach((id, node) -> text.append("node ").append(id).append(": ").append(node.describeLog()).append('\n'));
        return text.toString();
    }

    /** SIGKILLs every node at once, then waits until all are gone. */
    void killAll() {
        nodes.values().forEach(BrokerNode::killAsync);
        nodes.values().forEach(n -> n.awaitExit(EXIT_TIMEOUT));
    }
}
