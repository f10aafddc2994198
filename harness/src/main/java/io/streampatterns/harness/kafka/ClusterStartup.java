package io.streampatterns.harness.kafka;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;

/**
 * Storage and launch: takes a cluster's nodes from empty folders to serving. It writes every node's
 * configuration (with the SASL_SSL listener's TLS material when the spec has users), formats all
 * nodes' storage with one cluster id, starts their JVMs together (a 3-node quorum needs its voters
 * up together), waits until each serves on its own and the cluster lists them all, and has
 * {@link SaslSslSetup} finish a secured listener. It also relaunches a killed or stopped node on its
 * old ports and data. Every wait ends at the spec's start timeout with the failing node's log tail.
 */
final class ClusterStartup {

    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
    /** How long an admin call of the harness's own clients may take. */
    private static final Duration ADMIN_CALL_TIMEOUT = Duration.ofSeconds(30);

    private final ClusterSpec spec;
    private final Path root;
    private final ClusterNodes nodes;

    /** What a started cluster hands its users: its clients, and its SASL_SSL listener or null. */
    record Started(KafkaClients clients, SaslSslListener saslSslListener) {
    }

    ClusterStartup(ClusterSpec spec, Path root, ClusterNodes nodes) {
        this.spec = spec;
        this.root = root;
        this.nodes = nodes;
    }

    /**
     * Prepares, formats and launches every node and waits until the cluster serves.
     *
     * @return the cluster's clients (the caller closes them) and its SASL_SSL listener
     * @throws KafkaClusterException if a step fails or a node does not serve in time; the nodes may
     *     then still run, and the caller kills them
     */
    Started startAll() {
        // Kafka's own Uuid (from the harness's kafka-clients) gives the base64 form StorageTool expects.
        String clusterId = Uuid.randomUuid().toString();
        TlsMaterial tls = spec.hasSaslSslListener() ? TlsMaterial.generate(root.resolve("tls")) : null;
        try {
            for (BrokerNode node : nodes.all()) {
                node.writeConfig(spec, nodes.addresses(), tls);
            }
            format(clusterId);
            for (BrokerNode node : nodes.all()) {
                node.launch();
            }
        } catch (IOException e) {
            throw new KafkaClusterException("cannot prepare or launch the cluster in " + root, e);
        }
        StartDeadline deadline = StartDeadline.after(spec.startTimeout());
        for (BrokerNode node : nodes.all()) {
            awaitServing(node, deadline);
        }
        KafkaClients clients = new KafkaClients(nodes.bootstrapServers(), Map.of(), "kafka-cluster-admin",
                ADMIN_CALL_TIMEOUT);
        try {
            awaitAllListed(clients.admin(), deadline);
            SaslSslListener listener = tls == null ? null : SaslSslSetup.complete(spec, nodes, tls, clients, deadline);
            return new Started(clients, listener);
        } catch (RuntimeException | Error e) {
            clients.close();
            throw e;
        }
    }

    /**
     * Starts a killed or stopped node again with the same ports, configuration and data folder, and
     * waits until it serves.
     *
     * @throws IllegalStateException if the node is still running
     * @throws KafkaClusterException if it does not serve within the spec's start timeout
     */
    void restart(BrokerNode node) {
        if (node.isRunning()) {
            throw new IllegalStateException("node " + node.id() + " is still running; kill or stop it first");
        }
        try {
            node.launch();
        } catch (IOException e) {
            throw new KafkaClusterException("cannot launch " + node, e);
        }
        awaitServing(node, StartDeadline.after(spec.startTimeout()));
    }

    private void format(String clusterId) throws IOException {
        Map<BrokerNode, Process> formats = new LinkedHashMap<>();
        for (BrokerNode node : nodes.all()) {
            formats.put(node, node.startFormat(clusterId));
        }
        for (Map.Entry<BrokerNode, Process> e : formats.entrySet()) {
            Process p = e.getValue();
            BrokerNode node = e.getKey();
            boolean exited;
            try {
                exited = p.waitFor(FORMAT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                formats.values().forEach(Process::destroyForcibly);
                throw new KafkaClusterException("interrupted while formatting storage", ie);
            }
            if (!exited || p.exitValue() != 0) {
                formats.values().forEach(Process::destroyForcibly);
                throw new KafkaClusterException("formatting storage of " + node + (exited
                        ? " failed with exit code " + p.exitValue() : " did not finish in " + FORMAT_TIMEOUT.toSeconds() + " s")
                        + ". " + LogTail.describe(node.formatLogFile()));
            }
        }
    }

    /**
     * Waits until the node answers clients itself: its port accepts, and an AdminClient that knows only
     * this node's address (so its metadata must come from this very process) lists the node. A broker
     * only processes requests once it is registered and unfenced, so this means "serving".
     */
    private static void awaitServing(BrokerNode node, StartDeadline deadline) {
        while (!portAccepts(node.address().brokerPort())) {
            deadline.check(node, null);
            StartDeadline.backOff(200);
        }
        Admin probe = Admin.create(probeConfig(node.address().brokerEndpoint(), "kafka-cluster-probe-" + node.id()));
        try {
            Exception last = null;
            while (true) {
                deadline.check(node, last);
                try {
                    if (probeNodes(probe).stream().anyMatch(n -> n.id() == node.id())) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    last = e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new KafkaClusterException("interrupted while waiting for " + node, e);
                }
                StartDeadline.backOff(250);
            }
        } finally {
            probe.close(Duration.ofSeconds(2));
        }
    }

    /** A short-lived client of one node, with short timeouts so a wait loop stays responsive. */
    static Map<String, Object> probeConfig(String endpoint, String clientId) {
        Map<String, Object> config = KafkaClients.adminConfig(endpoint, clientId);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        return config;
    }

    /** The nodes a probe client's node lists, answered within 5 s. */
    static Collection<Node> probeNodes(Admin probe) throws ExecutionException, TimeoutException, InterruptedException {
        return probe.describeCluster(new DescribeClusterOptions().timeoutMs(3_000)).nodes().get(5, TimeUnit.SECONDS);
    }

    private void awaitAllListed(Admin admin, StartDeadline deadline) {
        Set<Integer> expected = new TreeSet<>(nodes.ids());
        Set<Integer> listed = Set.of();
        while (!deadline.passed()) {
            try {
                listed = admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).stream()
                        .map(Node::id).collect(Collectors.toCollection(TreeSet::new));
                if (listed.equals(expected)) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                // retried until the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaClusterException("interrupted while waiting for the cluster", e);
            }
            StartDeadline.backOff(250);
        }
        throw new KafkaClusterException("the cluster lists nodes " + listed + ", expected " + expected
                + " within " + deadline.timeoutSeconds() + " s");
    }

    private static boolean portAccepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(NodeAddress.HOST, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
