package io.streampatterns.harness.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a cluster's nodes are laid out before any of them starts: ids, ports, folders, lookups. */
class ClusterNodesTest {

    /**
     * Purpose: every node of a 3-node cluster gets its own id, folder and ports, and clients learn
     * every node's address.
     * How: allocate the nodes of a 3-node spec (nothing is started).
     * Pass: ids 1 to 3; six distinct loopback ports; folders node-1 to node-3 under the cluster's
     * folder; the bootstrap list names each node's PLAINTEXT port; no SASL_SSL listener.
     */
    @Test
    void eachNodeGetsItsOwnIdFolderAndPorts(@TempDir Path root) {
        // 1. Allocate
        ClusterNodes nodes = ClusterNodes.allocate(ClusterSpec.of(3), root, root.resolve("libs"));

        // 2. Ids and folders
        assertThat(nodes.ids()).containsExactly(1, 2, 3);
        assertThat(nodes.node(2).logFile()).isEqualTo(root.resolve("node-2").resolve("broker.log"));

        // 3. Ports: distinct, named in the bootstrap list, no SASL_SSL
        Set<Integer> ports = new HashSet<>();
        for (NodeAddress a : nodes.addresses()) {
            ports.add(a.brokerPort());
            ports.add(a.controllerPort());
            assertThat(a.hasSaslSsl()).isFalse();
        }
        assertThat(ports).hasSize(6);
        List<String> endpoints = nodes.addresses().stream().map(NodeAddress::brokerEndpoint).toList();
        assertThat(nodes.bootstrapServers()).isEqualTo(String.join(",", endpoints));
        assertThat(nodes.bootstrapServers()).startsWith("127.0.0.1:");
    }

    /**
     * Purpose: a spec with SASL users gives every node a third port for the SASL_SSL listener.
     * How: allocate a 1-node spec with a user.
     * Pass: the node has a SASL_SSL port distinct from its other two, listed for SASL_SSL clients.
     */
    @Test
    void saslUsersGiveEveryNodeASaslSslPort(@TempDir Path root) {
        // 1. Allocate
        ClusterNodes nodes = ClusterNodes.allocate(ClusterSpec.of(1).withSaslSslUser("alice", "pw"), root, root);

        // 2. A third port
        NodeAddress a = nodes.node(1).address();
        assertThat(a.hasSaslSsl()).isTrue();
        assertThat(Set.of(a.brokerPort(), a.controllerPort(), a.saslSslPort())).hasSize(3);
        assertThat(nodes.saslSslBootstrapServers()).isEqualTo("127.0.0.1:" + a.saslSslPort());
    }

    /**
     * Purpose: a test that names a node the cluster lacks learns which nodes there are, and a node
     * that never ran has no log to quote.
     * How: look up node 4 of a 1-node cluster; describe the logs before any start.
     * Pass: IllegalArgumentException naming node 4 and the cluster's nodes; the log text says there is
     * no log file.
     */
    @Test
    void anUnknownNodeIsRefusedAndAMissingLogSaidSo(@TempDir Path root) {
        // 1. Allocate
        ClusterNodes nodes = ClusterNodes.allocate(ClusterSpec.of(1), root, root);

        // 2. Unknown node, missing log
        assertThatThrownBy(() -> nodes.node(4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no node 4; this cluster has nodes [1]");
        assertThat(nodes.describeLogs()).startsWith("node 1: Last 40 lines of " + root.resolve("node-1/broker.log"))
                .contains("(no log file)");
    }
}
