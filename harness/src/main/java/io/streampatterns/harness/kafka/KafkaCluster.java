package io.streampatterns.harness.kafka;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A real Kafka cluster for tests, described by a {@link ClusterSpec}: 1 or 3 combined
 * broker+controller KRaft nodes (ids 1 to {@code brokers}), each in its own child JVM on free ports of
 * 127.0.0.1, that a test can kill, stop, pause, resume and restart. This façade owns the cluster's
 * lifetime and composes the parts that do the work: {@link ClusterStartup} (storage, configuration,
 * launch), {@link ClusterNodes} and {@link BrokerNode} (node control, log tails) and {@link KafkaClients}
 * (the admin and client layer it shares with {@link ExternalKafka}). Real brokers, because the patterns'
 * guarantees rest on replication, leader election and fencing; child JVMs, because the broker's
 * kafka-clients 4.x must not meet Spark's 3.9.2 and a process is what chaos tests kill.
 *
 * <p>{@link #start(ClusterSpec)} returns once every node serves. {@link #close()} kills every node and
 * deletes the cluster's folder; a shutdown hook does the same if a test run is aborted, each broker halts
 * by itself if the test JVM dies without hooks ({@link ParentWatchdog}), and the next cluster deletes
 * the folder such a JVM left ({@link ClusterFolder}). Producers and consumers belong to the caller;
 * {@link #admin()} belongs to the cluster. A spec with {@link ClusterSpec#withSaslSslUser SASL users}
 * adds a SASL_SSL client listener ({@link #saslSslListener()}); the harness's own clients stay on PLAINTEXT.
 */
public final class KafkaCluster implements KafkaEndpoint, AutoCloseable {

    private final ClusterSpec spec;
    private final ClusterFolder folder;
    private final ClusterNodes nodes;
    private final ClusterStartup startup;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile ClusterStartup.Started running;

    private KafkaCluster(ClusterSpec spec, Path libs) {
        this.spec = spec;
        this.folder = ClusterFolder.create();
        try {
            this.nodes = ClusterNodes.allocate(spec, folder.path(), libs);
        } catch (RuntimeException e) {
            folder.close();
            throw e;
        }
        this.startup = new ClusterStartup(spec, folder.path(), nodes);
        this.shutdownHook = new Thread(this::cleanUp, "kafka-cluster-cleanup-" + folder.path().getFileName());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a cluster of 1 or 3 nodes with default settings; see {@link #start(ClusterSpec)}. */
    public static KafkaCluster start(int brokers) {
        return start(ClusterSpec.of(brokers));
    }

    /**
     * Starts a cluster as specified and waits until every node serves; close it when done.
     *
     * @throws KafkaClusterException if a node does not serve in time (the message quotes the tail of
     *     its log) or the broker jars are missing; nothing is left running
     */
    public static KafkaCluster start(ClusterSpec spec) {
        KafkaCluster cluster = new KafkaCluster(spec, BrokerLibraries.locate());
        try {
            cluster.running = cluster.startup.startAll();
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    private ClusterStartup.Started running() {
        ClusterStartup.Started started = running; // set once start-up has finished
        if (started == null || closed.get()) {
            throw new IllegalStateException("the cluster is not running");
        }
        return started;
    }

    private KafkaClients clients() {
        return running().clients();
    }

    // Clients (see KafkaClients)

    /** @return {@code host:port} of every node, comma-separated, for {@code bootstrap.servers} */
    @Override
    public String bootstrapServers() {
        return nodes.bootstrapServers();
    }

    /** The SASL_SSL listener's address, truststore and users; IllegalStateException if the spec has no users. */
    public SaslSslListener saslSslListener() {
        if (!spec.hasSaslSslListener()) {
            throw new IllegalStateException("this cluster has no SASL_SSL listener; add a user with "
                    + "ClusterSpec.withSaslSslUser(...) or @KafkaClusterConfig(saslSslUsers = \"user=password\")");
        }
        return running().saslSslListener();
    }

    /** @return the spec this cluster was started with */
    public ClusterSpec spec() {
        return spec;
    }

    /** @return the cluster's shared AdminClient, closed by {@link #close()}: do not close it yourself */
    public Admin admin() {
        return clients().admin();
    }

    /** Creates a topic with replication factor {@code min(3, brokers)}; returns when it has leaders and full ISRs. */
    @Override
    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /** Like {@link #createTopic(String, int)}, with topic configs (e.g. {@code cleanup.policy=compact}). */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        clients().createTopic(new NewTopic(name, partitions, (short) spec.replicationFactor()).configs(configs));
    }

    /** A String producer with {@code acks=all} and idempotence (no loss or duplicates across a failover). */
    @Override
    public KafkaProducer<String, String> newProducer(Map<String, ?> overrides) {
        return newProducer(new StringSerializer(), new StringSerializer(), overrides);
    }

    @Override
    public <K, V> KafkaProducer<K, V> newProducer(Serializer<K> keySerializer, Serializer<V> valueSerializer,
            Map<String, ?> overrides) {
        return clients().newProducer(keySerializer, valueSerializer, overrides);
    }

    /** A String consumer from the earliest offset that never commits; a null group is for {@code assign}. */
    public KafkaConsumer<String, String> newConsumer(String groupId, Map<String, ?> overrides) {
        return newConsumer(new StringDeserializer(), new StringDeserializer(), groupId, overrides);
    }

    @Override
    public <K, V> KafkaConsumer<K, V> newConsumer(Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer,
            String groupId, Map<String, ?> overrides) {
        return clients().newConsumer(keyDeserializer, valueDeserializer, groupId, overrides);
    }

    /** @return the end offset (high watermark: the next offset to be written) of every partition, in order */
    @Override
    public void addPartitions(String topic, int total) {
        clients().addPartitions(topic, total);
    }

    @Override
    public void deleteRecordsBefore(Map<TopicPartition, Long> offsets) {
        clients().deleteRecordsBefore(offsets);
    }

    @Override
    public Map<TopicPartition, Long> startOffsets(String topic) {
        return clients().startOffsets(topic);
    }

    @Override
    public Map<TopicPartition, Long> endOffsets(String topic) {
        return clients().endOffsets(topic);
    }

    @Override
    public Map<TopicPartition, Long> lastStableOffsets(String topic) {
        return clients().lastStableOffsets(topic);
    }

    /** @return the node ids in sync, per partition, e.g. to wait until a restarted node has caught up */
    public Map<TopicPartition, Set<Integer>> inSyncReplicas(String topic) {
        return clients().inSyncReplicas(topic);
    }

    /** @return the partition's current leader as the metadata says, or empty while it has none */
    public OptionalInt leaderOf(TopicPartition partition) {
        return clients().leaderOf(partition);
    }

    /** @return the node id of the active KRaft controller (the quorum leader), e.g. to kill it on purpose */
    public int activeControllerId() {
        return clients().activeControllerId();
    }

    // Node control (see ClusterNodes and BrokerNode); every nodeId is 1 to brokers

    /** @return the node ids, 1 to {@code brokers} */
    public List<Integer> nodeIds() {
        return nodes.ids();
    }

    /** SIGKILL, as in a machine crash; returns once the process is gone, does nothing if it is not running. */
    public void kill(int nodeId) {
        nodes.node(nodeId).kill();
    }

    /** SIGTERM: a controlled shutdown; returns once the process has exited (killed after 60 s). */
    public void stop(int nodeId) {
        nodes.node(nodeId).stop();
    }

    /** SIGSTOP: freezes the node with its sockets open, like a long GC pause or a hung machine. */
    public void pause(int nodeId) {
        nodes.node(nodeId).pause();
    }

    /** SIGCONT: lets a {@link #pause(int) paused} node carry on. */
    public void resume(int nodeId) {
        nodes.node(nodeId).resume();
    }

    /**
     * Starts a killed or stopped node again (IllegalStateException if it runs) with its ports and data,
     * and waits until it serves; it may still be catching up then (see {@link #inSyncReplicas(String)}).
     */
    public void restart(int nodeId) {
        startup.restart(nodes.node(nodeId));
    }

    /** @return true while the node's process is alive (also when paused) */
    public boolean isRunning(int nodeId) {
        return nodes.node(nodeId).isRunning();
    }

    /** @return the running node's operating-system process id; IllegalStateException if it is not running */
    public long pid(int nodeId) {
        return nodes.node(nodeId).pid();
    }

    /** @return the node's log file (warnings and start-up lines of every run), for diagnosing a failure */
    public Path logFile(int nodeId) {
        return nodes.node(nodeId).logFile();
    }

    /** Every node's log tail: what a failed test prints, as the folder goes with the cluster. */
    public String describeLogs() {
        return nodes.describeLogs();
    }

    /** Kills every node (the data is thrown away, so stopping would only cost time) and deletes the folder. */
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
        ClusterStartup.Started started = running;
        if (started != null) {
            started.clients().close();
        }
        nodes.killAll();
        folder.close();
    }

    /** @return the cluster's temporary folder (one sub-folder per node) */
    public Path directory() {
        return folder.path();
    }

    @Override
    public String toString() {
        return "KafkaCluster{" + bootstrapServers() + ", folder " + folder.path() + "}";
    }
}
