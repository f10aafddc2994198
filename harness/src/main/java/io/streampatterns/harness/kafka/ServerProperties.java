package io.streampatterns.harness.kafka;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Generates a node's {@code server.properties}: a combined broker+controller KRaft node.
 *
 * <p>Why these values (see the shared platform notes): replication and min ISR follow the cluster size
 * so that a 3-node cluster keeps accepting {@code acks=all} writes with one node lost; short broker
 * session/heartbeat timeouts make a killed node leave the ISR in ~3 s instead of ~9 s; a 16 MB cleaner
 * buffer lets the broker live in a 256 MB heap.
 */
final class ServerProperties {

    /** Name of the client and inter-broker listener. */
    static final String BROKER_LISTENER = "PLAINTEXT";
    /** Name of the Raft quorum listener. */
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    private ServerProperties() {
    }

    /**
     * The full configuration of one node.
     *
     * @param spec the cluster spec (size and extra properties, which are applied last)
     * @param self the node being configured
     * @param all every node of the cluster, including {@code self}
     * @param dataDir the node's {@code log.dirs}
     * @return broker properties, sorted by name
     */
    static SortedMap<String, String> forNode(ClusterSpec spec, NodeAddress self, List<NodeAddress> all,
            Path dataDir) {
        int rf = spec.replicationFactor();
        int minIsr = spec.minInsyncReplicas();
        SortedMap<String, String> p = new TreeMap<>();

        // KRaft identity and quorum: every node is a voter.
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(self.nodeId()));
        p.put("controller.quorum.voters", all.stream().map(NodeAddress::voter).collect(Collectors.joining(",")));
        p.put("log.dirs", dataDir.toAbsolutePath().toString());

        listeners(p, self);

        // Replication: RF follows the cluster size, for user and internal topics alike.
        p.put("default.replication.factor", Integer.toString(rf));
        p.put("min.insync.replicas", Integer.toString(minIsr));
        p.put("offsets.topic.replication.factor", Integer.toString(rf));
        p.put("transaction.state.log.replication.factor", Integer.toString(rf));
        p.put("transaction.state.log.min.isr", Integer.toString(minIsr));
        p.put("share.coordinator.state.topic.replication.factor", Integer.toString(rf));
        p.put("share.coordinator.state.topic.min.isr", Integer.toString(minIsr));
        p.put("unclean.leader.election.enable", "false");
        // Fewer internal partitions: creating 50 RF-3 partitions on 2 cores costs seconds at first use.
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.num.partitions", "5");

        // Test friendliness.
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.cleaner.dedupe.buffer.size", "16777216");
        // Fast failure detection where a node can be lost. A lone node keeps Kafka's 9 s/2 s: it shares
        // 2 cores with Spark, and being fenced would take every partition offline. The price: a restarted
        // lone node waits ~9 s for its old session to expire (restart ~13 s instead of ~6 s); a test that
        // restarts a single node often can pass these two properties through ClusterSpec.
        if (spec.brokers() > 1) {
            p.put("broker.session.timeout.ms", "3000");
            p.put("broker.heartbeat.interval.ms", "500");
        }

        p.putAll(spec.brokerProperties());
        return p;
    }

    /**
     * The one place where listeners are defined. A new listener (e.g. SASL_SSL) adds its port to
     * {@link NodeAddress}, its entry to {@code listeners}, {@code advertised.listeners} and
     * {@code listener.security.protocol.map}, and its own settings here.
     */
    static void listeners(Map<String, String> p, NodeAddress self) {
        String broker = BROKER_LISTENER + "://" + NodeAddress.HOST + ":" + self.brokerPort();
        String controller = CONTROLLER_LISTENER + "://" + NodeAddress.HOST + ":" + self.controllerPort();
        p.put("listeners", broker + "," + controller);
        p.put("advertised.listeners", broker + "," + controller);
        p.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", BROKER_LISTENER);
    }

    /**
     * Writes properties as plain {@code key=value} lines (readable, unlike {@code Properties.store},
     * which escapes every colon).
     */
    static void write(Map<String, String> properties, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("# Generated by io.streampatterns.harness.kafka.KafkaCluster\n");
            for (Map.Entry<String, String> e : properties.entrySet()) {
                w.write(e.getKey() + "=" + e.getValue().replace("\\", "\\\\") + "\n");
            }
        }
    }

    /**
     * A log4j2 configuration that keeps the node's log small: warnings and errors only, plus the
     * start-up lines of the server classes (including {@code Kafka Server started}), so a node that
     * fails to start shows why in the tail of its log.
     */
    static String log4j2() {
        return String.join("\n",
                "status = error",
                "name = streampatterns-broker",
                "appender.out.type = Console",
                "appender.out.name = OUT",
                "appender.out.layout.type = PatternLayout",
                "appender.out.layout.pattern = [%d{HH:mm:ss,SSS}] %-5p [%c{1}] %m%n",
                "rootLogger.level = warn",
                "rootLogger.appenderRef.out.ref = OUT",
                "logger.raftserver.name = kafka.server.KafkaRaftServer",
                "logger.raftserver.level = info",
                "logger.brokerserver.name = kafka.server.BrokerServer",
                "logger.brokerserver.level = info",
                "logger.controllerserver.name = kafka.server.ControllerServer",
                "logger.controllerserver.level = info",
                "");
    }
}
