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
 * <p>Why these values (measured on a 2-core machine): replication and min ISR follow the cluster size
 * so that a 3-node cluster keeps accepting {@code acks=all} writes with one node lost; short broker
 * session/heartbeat timeouts make a killed node leave the ISR in ~3 s instead of ~9 s; a 16 MB cleaner
 * buffer lets the broker live in a 256 MB heap.
 */
final class ServerProperties {

    /** Name of the client and inter-broker listener. */
    static final String BROKER_LISTENER = "PLAINTEXT";
    /** Name of the Raft quorum listener. */
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    /** Name of the optional SASL_SSL client listener (see {@link ClusterSpec#withSaslSslUser}). */
    static final String SASL_SSL_LISTENER = "SASL_SSL";
    /** The SASL mechanisms the SASL_SSL listener accepts. */
    static final List<String> SASL_MECHANISMS = List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");

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
        return forNode(spec, self, all, dataDir, null);
    }

    /**
     * The full configuration of one node, with its SASL_SSL listener when {@code self} has one.
     *
     * @param spec the cluster spec (size, SASL users and extra properties, which are applied last)
     * @param self the node being configured
     * @param all every node of the cluster, including {@code self}
     * @param dataDir the node's {@code log.dirs}
     * @param tls the listener's keystore; required when {@code self} has a SASL_SSL port, else ignored
     * @return broker properties, sorted by name
     */
    static SortedMap<String, String> forNode(ClusterSpec spec, NodeAddress self, List<NodeAddress> all,
            Path dataDir, TlsMaterial tls) {
        int rf = spec.replicationFactor();
        int minIsr = spec.minInsyncReplicas();
        SortedMap<String, String> p = new TreeMap<>();

        // KRaft identity and quorum: every node is a voter.
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(self.nodeId()));
        p.put("controller.quorum.voters", all.stream().map(NodeAddress::voter).collect(Collectors.joining(",")));
        p.put("log.dirs", dataDir.toAbsolutePath().toString());

        listeners(p, self);
        if (self.hasSaslSsl()) {
            saslSsl(p, spec, tls);
        }

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
        // Fast failure detection where a node can be lost: a killed node leaves the ISR in ~3 s. A lone
        // node gets 4.5 s (nine missed heartbeats; it shares 2 cores with Spark, and being fenced takes
        // its partitions offline until its next heartbeat): a restarted node waits for its old session
        // to expire, so Kafka's 9 s made a lone node's restart take ~12 s; 4.5 s makes it ~5.5 s
        // (measured 2026-12-07: 11.7-12.5 s with 9 s, 4.7 s with 3 s).
        p.put("broker.session.timeout.ms", spec.brokers() > 1 ? "3000" : "4500");
        p.put("broker.heartbeat.interval.ms", "500");

        p.putAll(spec.brokerProperties());
        return p;
    }

    /**
     * The one place where listeners are defined. A new listener adds its port to
     * {@link NodeAddress}, its entry to {@code listeners}, {@code advertised.listeners} and
     * {@code listener.security.protocol.map}, and its own settings in a method of its own (as
     * {@link #saslSsl} does).
     */
    static void listeners(Map<String, String> p, NodeAddress self) {
        String broker = BROKER_LISTENER + "://" + NodeAddress.HOST + ":" + self.brokerPort();
        String controller = CONTROLLER_LISTENER + "://" + NodeAddress.HOST + ":" + self.controllerPort();
        String listeners = broker + "," + controller;
        String protocols = BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT";
        if (self.hasSaslSsl()) {
            listeners += "," + SASL_SSL_LISTENER + "://" + self.saslSslEndpoint();
            protocols += "," + SASL_SSL_LISTENER + ":SASL_SSL";
        }
        p.put("listeners", listeners);
        p.put("advertised.listeners", listeners);
        p.put("listener.security.protocol.map", protocols);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        // Inter-broker and controller traffic stay PLAINTEXT even with a SASL_SSL listener: the
        // listener exists to test clients, and the harness's own clients use PLAINTEXT too.
        p.put("inter.broker.listener.name", BROKER_LISTENER);
    }

    /**
     * The SASL_SSL listener's own settings, all prefixed with its name so no other listener is
     * affected: TLS with the generated keystore, and SASL with PLAIN (users listed in the JAAS
     * configuration) and SCRAM (credentials the cluster stores through the Admin API once it runs,
     * see {@link SaslSslSetup}).
     */
    static void saslSsl(Map<String, String> p, ClusterSpec spec, TlsMaterial tls) {
        if (tls == null) {
            throw new IllegalArgumentException("a SASL_SSL listener needs its TLS material");
        }
        String prefix = "listener.name." + SASL_SSL_LISTENER.toLowerCase(java.util.Locale.ROOT) + ".";
        p.put(prefix + "ssl.keystore.type", TlsMaterial.STORE_TYPE);
        p.put(prefix + "ssl.keystore.location", tls.keystore().toAbsolutePath().toString());
        p.put(prefix + "ssl.keystore.password", tls.keystorePassword());
        p.put(prefix + "ssl.key.password", tls.keystorePassword());
        p.put(prefix + "sasl.enabled.mechanisms", String.join(",", SASL_MECHANISMS));
        StringBuilder plain = new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required");
        spec.saslSslUsers().forEach((user, password) -> plain.append(" user_").append(user).append("=\"")
                .append(password.replace("\\", "\\\\").replace("\"", "\\\"")).append('"'));
        p.put(prefix + "plain.sasl.jaas.config", plain.append(';').toString());
        String scram = "org.apache.kafka.common.security.scram.ScramLoginModule required;";
        p.put(prefix + "scram-sha-256.sasl.jaas.config", scram);
        p.put(prefix + "scram-sha-512.sasl.jaas.config", scram);
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
                // A node fenced for a late heartbeat takes its partitions offline: the line that explains a stall.
                // Of this logger's lines (one per partition created) only those about fencing are kept; a lone
                // node paused for 15 s logged "Fencing broker 1 ... because its session has timed out".
                "logger.replication.name = org.apache.kafka.controller.ReplicationControlManager",
                "logger.replication.level = info",
                "logger.replication.filter.fencing.type = RegexFilter",
                "logger.replication.filter.fencing.regex = .*[Ff]enc.*",
                "logger.replication.filter.fencing.onMatch = ACCEPT",
                "logger.replication.filter.fencing.onMismatch = DENY",
                "");
    }
}
