package io.streampatterns.harness.kafka;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A real Kafka cluster for tests: 1 or 3 combined broker+controller KRaft nodes, each in its own
 * child JVM, listening on free ports of 127.0.0.1.
 *
 * <p>Why real brokers: the patterns' guarantees (no loss, no duplicates across failover, ordering,
 * exactly-once sinks) depend on replication, leader election and fencing, which only a real broker
 * has. Why child JVMs: the broker's kafka-clients 4.x must not meet Spark's 3.9.2 on one classpath, and
 * a process is what chaos tests kill, stop, pause and restart.
 *
 * <p>Lifecycle: {@link #start(int)} returns once every node serves. {@link #close()} kills every node
 * and deletes the cluster's folder; a JVM shutdown hook does the same if a test run is aborted, and
 * each broker halts by itself if the test JVM dies without running hooks (see {@link ParentWatchdog});
 * the folder such a JVM leaves behind is deleted when the next cluster starts (see {@link ClusterFolder}).
 *
 * <p>As a {@link KafkaEndpoint} it is what conformance checks run against when the harness brings its
 * own brokers. Clients made by {@link #newProducer}/{@link #newConsumer} belong to the caller, who closes them;
 * {@link #admin()} belongs to the cluster. Node ids run from 1 to {@link ClusterSpec#brokers()}.
 *
 * <p>A spec with {@link ClusterSpec#withSaslSslUser SASL users} also gives every node a SASL_SSL
 * client listener (see {@link #saslSslListener()}); the harness's own clients keep using PLAINTEXT.
 */
public final class KafkaCluster implements KafkaEndpoint, AutoCloseable {

    /** How many log lines a start-up failure quotes. */
    static final int LOG_TAIL_LINES = 40;
    private static final Duration ADMIN_CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration TOPIC_READY_TIMEOUT = Duration.ofSeconds(60);

    private final ClusterSpec spec;
    private final ClusterFolder folder;
    private final Path root;
    private final Map<Integer, BrokerNode> nodes = new LinkedHashMap<>();
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Admin admin;
    private volatile TlsMaterial tls;

    private KafkaCluster(ClusterSpec spec, Path libs) {
        this.spec = spec;
        this.folder = ClusterFolder.create();
        this.root = folder.path();
        try {
            Path watchdogDir = root.resolve("launcher");
            ChildJvm.installWatchdog(watchdogDir);
            int perNode = spec.hasSaslSslListener() ? 3 : 2;
            List<Integer> ports = FreePorts.allocate(perNode * spec.brokers());
            for (int id = 1; id <= spec.brokers(); id++) {
                int first = perNode * (id - 1);
                NodeAddress address = new NodeAddress(id, ports.get(first), ports.get(first + 1),
                        spec.hasSaslSslListener() ? ports.get(first + 2) : 0);
                nodes.put(id, new BrokerNode(address, root.resolve("node-" + id), libs, watchdogDir));
            }
        } catch (RuntimeException e) {
            folder.close();
            throw e;
        }
        this.shutdownHook = new Thread(this::cleanUp, "kafka-cluster-cleanup-" + root.getFileName());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a cluster with default settings and waits until every node serves.
     *
     * @param brokers 1 or 3 nodes
     * @return the running cluster; close it when done
     * @throws KafkaClusterException if a node does not serve within {@link ClusterSpec#DEFAULT_START_TIMEOUT}
     *     (the message quotes the tail of its log) or the broker jars are missing
     */
    public static KafkaCluster start(int brokers) {
        return start(ClusterSpec.of(brokers));
    }

    /**
     * Starts a cluster as specified and waits until every node serves. The nodes are formatted and
     * launched in parallel (a 3-node quorum needs its voters up together anyway).
     *
     * @param spec size, extra broker properties and start timeout
     * @return the running cluster; close it when done
     * @throws KafkaClusterException if a node does not serve in time (the message quotes the tail of
     *     its log) or the broker jars are missing
     */
    public static KafkaCluster start(ClusterSpec spec) {
        KafkaCluster cluster = new KafkaCluster(spec, BrokerLibraries.locate());
        try {
            cluster.startAll();
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    private void startAll() {
        List<NodeAddress> addresses = nodes.values().stream().map(BrokerNode::address).collect(Collectors.toList());
        // Kafka's own Uuid (from the harness's kafka-clients) gives the base64 form StorageTool expects.
        String clusterId = Uuid.randomUuid().toString();
        try {
            if (spec.hasSaslSslListener()) {
                tls = TlsMaterial.generate(root.resolve("tls"));
            }
            for (BrokerNode node : nodes.values()) {
                node.writeConfig(spec, addresses, tls);
            }
            format(clusterId);
            for (BrokerNode node : nodes.values()) {
                node.launch();
            }
        } catch (IOException e) {
            throw new KafkaClusterException("cannot prepare or launch the cluster in " + root, e);
        }
        Instant deadline = Instant.now().plus(spec.startTimeout());
        for (BrokerNode node : nodes.values()) {
            awaitServing(node, deadline);
        }
        admin = Admin.create(adminConfig(bootstrapServers(), "kafka-cluster-admin"));
        awaitAllListed(deadline);
        if (spec.hasSaslSslListener()) {
            storeScramCredentials();
            awaitSaslSslLogins(deadline);
        }
    }

    /**
     * SCRAM credentials live in the cluster's metadata, not in a file: stored through the Admin API
     * (over PLAINTEXT), for every user and both SCRAM mechanisms.
     */
    private void storeScramCredentials() {
        // One request per mechanism: a request may alter each user only once.
        for (ScramMechanism mechanism : List.of(ScramMechanism.SCRAM_SHA_256, ScramMechanism.SCRAM_SHA_512)) {
            List<UserScramCredentialAlteration> upserts = new ArrayList<>();
            spec.saslSslUsers().forEach((user, password) -> upserts.add(
                    new UserScramCredentialUpsertion(user, new ScramCredentialInfo(mechanism, 4096), password)));
            call("store " + mechanism.mechanismName() + " credentials of " + spec.saslSslUsers().keySet(),
                    () -> admin().alterUserScramCredentials(upserts).all()
                            .get(ADMIN_CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    /**
     * Waits until every node's SASL_SSL listener accepts the first user with PLAIN and with
     * SCRAM-SHA-512 (a node applies the SCRAM credentials when it has replayed them from the
     * metadata log, a moment after they were stored).
     */
    private void awaitSaslSslLogins(Instant deadline) {
        SaslSslListener listener = saslSslListener();
        String user = listener.users().iterator().next();
        for (BrokerNode node : nodes.values()) {
            for (String mechanism : List.of("PLAIN", "SCRAM-SHA-512")) {
                Exception last = null;
                while (true) {
                    checkStillStarting(node, deadline, last);
                    Map<String, Object> config = adminConfig(node.address().saslSslEndpoint(),
                            "kafka-cluster-sasl-probe-" + node.id());
                    config.putAll(listener.clientProperties(user, mechanism));
                    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
                    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
                    Admin probe = Admin.create(config);
                    try {
                        probe.describeCluster(new DescribeClusterOptions().timeoutMs(3_000)).nodes().get(5, TimeUnit.SECONDS);
                        break;
                    } catch (ExecutionException | TimeoutException e) {
                        last = e;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new KafkaClusterException("interrupted while waiting for the SASL_SSL listener", e);
                    } finally {
                        probe.close(Duration.ofSeconds(2));
                    }
                    backOff(250);
                }
            }
        }
    }

    private void format(String clusterId) throws IOException {
        Map<BrokerNode, Process> formats = new LinkedHashMap<>();
        for (BrokerNode node : nodes.values()) {
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
                        + ". Last lines of " + node.formatLogFile() + ":\n"
                        + BrokerNode.tail(node.formatLogFile(), LOG_TAIL_LINES));
            }
        }
    }

    /**
     * Waits until the node answers clients itself: its port accepts, and an AdminClient that knows only
     * this node's address (so its metadata must come from this very process) lists the node. A broker
     * only processes requests once it is registered and unfenced, so this means "serving".
     */
    private void awaitServing(BrokerNode node, Instant deadline) {
        while (!portAccepts(node.address().brokerPort())) {
            checkStillStarting(node, deadline, null);
            backOff(200);
        }
        Admin probe = Admin.create(probeConfig(node));
        try {
            Exception last = null;
            while (true) {
                checkStillStarting(node, deadline, last);
                try {
                    Collection<Node> listed = probe.describeCluster(new DescribeClusterOptions().timeoutMs(3_000))
                            .nodes().get(5, TimeUnit.SECONDS);
                    if (listed.stream().anyMatch(n -> n.id() == node.id())) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    last = e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new KafkaClusterException("interrupted while waiting for " + node, e);
                }
                backOff(250);
            }
        } finally {
            probe.close(Duration.ofSeconds(2));
        }
    }

    private static Map<String, Object> adminConfig(String bootstrap, String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        return config;
    }

    /** A short-lived client that knows only this node, with short timeouts so the wait loop stays responsive. */
    private static Map<String, Object> probeConfig(BrokerNode node) {
        Map<String, Object> config = adminConfig(node.address().brokerEndpoint(), "kafka-cluster-probe-" + node.id());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        return config;
    }

    private void checkStillStarting(BrokerNode node, Instant deadline, Exception lastError) {
        if (!node.isRunning()) {
            throw new KafkaClusterException("Kafka " + node + " exited with code " + node.exitCode()
                    + " during start-up. " + node.describeLog());
        }
        if (Instant.now().isAfter(deadline)) {
            throw new KafkaClusterException("Kafka " + node + " did not serve within "
                    + spec.startTimeout().toSeconds() + " s"
                    + (lastError == null ? " (its port never accepted a connection)" : " (last probe error: " + lastError + ")")
                    + ". " + node.describeLog(), lastError);
        }
    }

    private void awaitAllListed(Instant deadline) {
        Set<Integer> expected = new TreeSet<>(nodes.keySet());
        Set<Integer> listed = Set.of();
        while (Instant.now().isBefore(deadline)) {
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
            backOff(250);
        }
        throw new KafkaClusterException("the cluster lists nodes " + listed + ", expected " + expected
                + " within " + spec.startTimeout().toSeconds() + " s");
    }

    private static boolean portAccepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(NodeAddress.HOST, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void backOff(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaClusterException("interrupted while waiting for the cluster", e);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Clients

    /** @return {@code host:port} of every node, comma-separated, for {@code bootstrap.servers} */
    @Override
    public String bootstrapServers() {
        return nodes.values().stream().map(n -> n.address().brokerEndpoint()).collect(Collectors.joining(","));
    }

    /**
     * The SASL_SSL client listener: its bootstrap servers, the truststore that verifies the
     * brokers' certificate, and its users.
     *
     * @return the listener
     * @throws IllegalStateException if the spec asked for no SASL users, or the cluster is not running
     */
    public SaslSslListener saslSslListener() {
        if (!spec.hasSaslSslListener()) {
            throw new IllegalStateException("this cluster has no SASL_SSL listener; add a user with "
                    + "ClusterSpec.withSaslSslUser(...) or @KafkaClusterConfig(saslSslUsers = \"user=password\")");
        }
        TlsMaterial material = tls;
        if (material == null || closed.get()) {
            throw new IllegalStateException("the cluster is not running");
        }
        String servers = nodes.values().stream().map(n -> n.address().saslSslEndpoint()).collect(Collectors.joining(","));
        return new SaslSslListener(servers, material.truststore(), material.truststorePassword(), spec.saslSslUsers());
    }

    /** @return the spec this cluster was started with */
    public ClusterSpec spec() {
        return spec;
    }

    /** @return the node ids, 1 to {@code brokers} */
    public List<Integer> nodeIds() {
        return List.copyOf(nodes.keySet());
    }

    /**
     * The cluster's shared AdminClient. Owned by the cluster, closed by {@link #close()}: do not
     * close it yourself.
     *
     * @return the admin client
     */
    public Admin admin() {
        Admin a = admin;
        if (a == null || closed.get()) {
            throw new IllegalStateException("the cluster is not running");
        }
        return a;
    }

    /**
     * Creates a topic with replication factor {@code min(3, brokers)} and waits until every partition
     * has a leader and a full ISR, so producers and consumers can use it at once.
     *
     * @param name topic name
     * @param partitions number of partitions
     */
    @Override
    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /**
     * Like {@link #createTopic(String, int)}, with topic configs (e.g. {@code cleanup.policy=compact}).
     *
     * @param name topic name
     * @param partitions number of partitions
     * @param configs topic-level configs
     */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        int rf = spec.replicationFactor();
        NewTopic topic = new NewTopic(name, partitions, (short) rf).configs(configs);
        call("create topic " + name, () -> admin().createTopics(List.of(topic)).all().get(
                ADMIN_CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        Instant deadline = Instant.now().plus(TOPIC_READY_TIMEOUT);
        String state = "unknown";
        while (Instant.now().isBefore(deadline)) {
            try {
                TopicDescription d = admin().describeTopics(List.of(name)).allTopicNames()
                        .get(10, TimeUnit.SECONDS).get(name);
                boolean ready = d.partitions().size() == partitions && d.partitions().stream().allMatch(p ->
                        p.leader() != null && !p.leader().isEmpty() && p.isr().size() == rf);
                if (ready) {
                    return;
                }
                state = d.partitions().toString();
            } catch (ExecutionException | TimeoutException e) {
                state = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaClusterException("interrupted while waiting for topic " + name, e);
            }
            backOff(100);
        }
        throw new KafkaClusterException("topic " + name + " has no leader or full ISR for every partition after "
                + TOPIC_READY_TIMEOUT.toSeconds() + " s: " + state);
    }

    /**
     * A String producer with {@code acks=all} and idempotence, the settings under which the cluster
     * promises no loss and no duplicates across a failover.
     *
     * @param overrides producer configs that replace the defaults
     * @return a new producer; the caller closes it
     */
    @Override
    public KafkaProducer<String, String> newProducer(Map<String, ?> overrides) {
        return newProducer(new StringSerializer(), new StringSerializer(), overrides);
    }

    /**
     * Like {@link #newProducer(Map)}, with the caller's serializers (e.g. {@code ByteArraySerializer}).
     *
     * @param keySerializer key serializer
     * @param valueSerializer value serializer
     * @param overrides producer configs that replace the defaults
     * @param <K> key type
     * @param <V> value type
     * @return a new producer; the caller closes it
     */
    public <K, V> KafkaProducer<K, V> newProducer(Serializer<K> keySerializer, Serializer<V> valueSerializer,
            Map<String, ?> overrides) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putAll(overrides);
        return new KafkaProducer<>(config, keySerializer, valueSerializer);
    }

    /**
     * A String consumer that starts from the earliest offset and never commits by itself.
     *
     * @param groupId consumer group, or {@code null} for a group-less consumer used with {@code assign}
     * @param overrides consumer configs that replace the defaults
     * @return a new consumer; the caller closes it
     */
    public KafkaConsumer<String, String> newConsumer(String groupId, Map<String, ?> overrides) {
        return newConsumer(new StringDeserializer(), new StringDeserializer(), groupId, overrides);
    }

    /**
     * Like {@link #newConsumer(String, Map)}, with the caller's deserializers.
     *
     * @param keyDeserializer key deserializer
     * @param valueDeserializer value deserializer
     * @param groupId consumer group, or {@code null} for a group-less consumer used with {@code assign}
     * @param overrides consumer configs that replace the defaults
     * @param <K> key type
     * @param <V> value type
     * @return a new consumer; the caller closes it
     */
    @Override
    public <K, V> KafkaConsumer<K, V> newConsumer(Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer,
            String groupId, Map<String, ?> overrides) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        if (groupId != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        config.putAll(overrides);
        return new KafkaConsumer<>(config, keyDeserializer, valueDeserializer);
    }

    /**
     * The end offset (high watermark: the next offset to be written and acknowledged) of every partition.
     *
     * @param topic an existing topic
     * @return end offsets in partition order
     */
    @Override
    public Map<TopicPartition, Long> endOffsets(String topic) {
        Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
        for (TopicPartitionInfo p : describe(topic).partitions()) {
            request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
        }
        var result = call("list end offsets of " + topic, () -> admin().listOffsets(request).all()
                .get(ADMIN_CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
        request.keySet().forEach(tp -> offsets.put(tp, result.get(tp).offset()));
        return offsets;
    }

    /**
     * The in-sync replicas of every partition, e.g. to wait until a restarted node has caught up.
     *
     * @param topic an existing topic
     * @return node ids in sync, per partition, in partition order
     */
    public Map<TopicPartition, Set<Integer>> inSyncReplicas(String topic) {
        Map<TopicPartition, Set<Integer>> isr = new LinkedHashMap<>();
        for (TopicPartitionInfo p : describe(topic).partitions()) {
            isr.put(new TopicPartition(topic, p.partition()),
                    p.isr().stream().map(Node::id).collect(Collectors.toCollection(TreeSet::new)));
        }
        return isr;
    }

    /**
     * The current leader of a partition, as the cluster's metadata says.
     *
     * @param partition a partition of an existing topic
     * @return the leader's node id, or empty while the partition has no leader
     */
    public OptionalInt leaderOf(TopicPartition partition) {
        return describe(partition.topic()).partitions().stream()
                .filter(p -> p.partition() == partition.partition())
                .findFirst()
                .map(p -> p.leader() == null || p.leader().isEmpty() ? OptionalInt.empty() : OptionalInt.of(p.leader().id()))
                .orElseThrow(() -> new IllegalArgumentException("no such partition: " + partition));
    }

    /**
     * The node id of the active KRaft controller (the quorum leader), e.g. to kill it on purpose.
     *
     * @return the controller's node id
     */
    public int activeControllerId() {
        return call("describe the metadata quorum", () -> admin().describeMetadataQuorum().quorumInfo()
                .get(ADMIN_CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).leaderId();
    }

    private TopicDescription describe(String topic) {
        return call("describe topic " + topic, () -> admin().describeTopics(List.of(topic)).allTopicNames()
                .get(ADMIN_CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).get(topic);
    }

    @FunctionalInterface
    private interface AdminCall<T> {
        T run() throws InterruptedException, ExecutionException, TimeoutException;
    }

    private static <T> T call(String what, AdminCall<T> call) {
        try {
            return call.run();
        } catch (ExecutionException e) {
            throw new KafkaClusterException("cannot " + what + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaClusterException("cannot " + what + ": no answer in " + ADMIN_CALL_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaClusterException("interrupted while trying to " + what, e);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Per-node control, for chaos tests

    /**
     * SIGKILL: the node dies at once, as in a machine crash (no controlled shutdown, no flush).
     * Returns once the process is gone. Does nothing to a node that is not running.
     *
     * @param nodeId 1 to {@code brokers}
     */
    public void kill(int nodeId) {
        node(nodeId).kill();
    }

    /**
     * SIGTERM: a graceful, controlled shutdown (leadership moves away first). Returns once the process
     * has exited.
     *
     * @param nodeId 1 to {@code brokers}
     * @throws KafkaClusterException if it did not exit within 60 s (it is then killed)
     */
    public void stop(int nodeId) {
        node(nodeId).stop();
    }

    /**
     * SIGSTOP: freezes the node with its sockets open, like a long GC pause or a hung machine; the
     * rest of the cluster sees it stop heartbeating.
     *
     * @param nodeId 1 to {@code brokers}
     */
    public void pause(int nodeId) {
        node(nodeId).pause();
    }

    /**
     * SIGCONT: lets a {@link #pause(int) paused} node carry on.
     *
     * @param nodeId 1 to {@code brokers}
     */
    public void resume(int nodeId) {
        node(nodeId).resume();
    }

    /**
     * Starts a killed or stopped node again with the same ports, configuration and data folder, and
     * waits until it serves. It may still be catching up on its replicas then: wait for
     * {@link #inSyncReplicas(String)} if that matters.
     *
     * @param nodeId 1 to {@code brokers}
     * @throws IllegalStateException if the node is still running (kill or stop it first)
     * @throws KafkaClusterException if it does not serve within the spec's start timeout
     */
    public void restart(int nodeId) {
        BrokerNode node = node(nodeId);
        if (node.isRunning()) {
            throw new IllegalStateException("node " + nodeId + " is still running; kill or stop it first");
        }
        try {
            node.launch();
        } catch (IOException e) {
            throw new KafkaClusterException("cannot launch " + node, e);
        }
        awaitServing(node, Instant.now().plus(spec.startTimeout()));
    }

    /**
     * @param nodeId 1 to {@code brokers}
     * @return true while the node's process is alive (also when paused)
     */
    public boolean isRunning(int nodeId) {
        return node(nodeId).isRunning();
    }

    /**
     * @param nodeId 1 to {@code brokers}
     * @return the operating-system process id of the running node
     * @throws IllegalStateException if the node is not running
     */
    public long pid(int nodeId) {
        return node(nodeId).pid();
    }

    /**
     * @param nodeId 1 to {@code brokers}
     * @return the node's log file (warnings and start-up lines of every run), for diagnosing a failure
     */
    public Path logFile(int nodeId) {
        return node(nodeId).logFile();
    }

    /**
     * Every node's log tail, node by node: what a failed test prints before the cluster's folder is
     * deleted, so that a broker-side cause (a fenced node, a full disk) is not lost with it.
     *
     * @return a text naming each node's log file followed by its last lines
     */
    public String describeLogs() {
        StringBuilder text = new StringBuilder();
        nodes.forEach((id, node) -> text.append("node ").append(id).append(": ").append(node.describeLog()).append('\n'));
        return text.toString();
    }

    private BrokerNode node(int nodeId) {
        BrokerNode node = nodes.get(nodeId);
        if (node == null) {
            throw new IllegalArgumentException("no node " + nodeId + "; this cluster has nodes " + nodes.keySet());
        }
        return node;
    }

    // ---------------------------------------------------------------------------------------------
    // Clean-up

    /**
     * Kills every node, closes the shared AdminClient and deletes the cluster's folder. Idempotent.
     * Killing (not stopping) is deliberate: the data is thrown away, so a graceful shutdown would only
     * cost time.
     */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook does the work
        }
        cleanUp();
    }

    private void cleanUp() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Admin a = admin;
        if (a != null) {
            a.close(Duration.ofSeconds(2));
        }
        nodes.values().forEach(BrokerNode::killAsync);
        nodes.values().forEach(n -> n.awaitExit(Duration.ofSeconds(30)));
        folder.close();
    }

    /** @return the cluster's temporary folder (one sub-folder per node) */
    public Path directory() {
        return root;
    }

    @Override
    public String toString() {
        return "KafkaCluster{" + bootstrapServers() + ", folder " + root + "}";
    }
}
