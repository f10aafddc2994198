package io.streampatterns.harness.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the generated {@code server.properties} without starting a broker: quorum, listeners and
 * replication settings decide whether a 3-node cluster survives a lost node, so they are pinned here.
 */
class ServerPropertiesTest {

    private static final NodeAddress N1 = new NodeAddress(1, 21001, 21002);
    private static final NodeAddress N2 = new NodeAddress(2, 21003, 21004);
    private static final NodeAddress N3 = new NodeAddress(3, 21005, 21006);

    /**
     * Purpose: a single node is its own quorum and uses replication factor 1 everywhere.
     * How: generate the properties of node 1 of a 1-node cluster.
     * Pass: one voter, RF 1 / min ISR 1 for user and internal topics, loopback listeners, a
     * session timeout between the 3-node cluster's 3 s and Kafka's 9 s, the test-friendly settings present.
     */
    @Test
    void singleNodeIsItsOwnQuorumWithReplicationFactorOne(@TempDir Path dir) {
        // 1. Generate
        Map<String, String> p = ServerProperties.forNode(ClusterSpec.of(1), N1, List.of(N1), dir);

        // 2. Quorum and identity
        assertThat(p).containsEntry("process.roles", "broker,controller")
                .containsEntry("node.id", "1")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:21002")
                .containsEntry("log.dirs", dir.toAbsolutePath().toString());

        // 3. Listeners, all on loopback
        assertThat(p).containsEntry("listeners", "PLAINTEXT://127.0.0.1:21001,CONTROLLER://127.0.0.1:21002")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:21001,CONTROLLER://127.0.0.1:21002")
                .containsEntry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT")
                .containsEntry("controller.listener.names", "CONTROLLER")
                .containsEntry("inter.broker.listener.name", "PLAINTEXT");

        // 4. Replication factor 1 everywhere
        assertThat(p).containsEntry("default.replication.factor", "1")
                .containsEntry("min.insync.replicas", "1")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("share.coordinator.state.topic.replication.factor", "1")
                .containsEntry("share.coordinator.state.topic.min.isr", "1");

        // 5. Test-friendly settings; a lone node's session outlives nine missed heartbeats, and a restart waits that long
        assertThat(p).containsEntry("group.initial.rebalance.delay.ms", "0")
                .containsEntry("log.cleaner.dedupe.buffer.size", "16777216")
                .containsEntry("unclean.leader.election.enable", "false")
                .containsEntry("broker.session.timeout.ms", "4500")
                .containsEntry("broker.heartbeat.interval.ms", "500");
    }

    /**
     * Purpose: three nodes form a 3-voter quorum that tolerates one lost node.
     * How: generate the properties of node 2 of a 3-node cluster.
     * Pass: all three voters, RF 3 / min ISR 2 for user and internal topics, no unclean election,
     * 3 s session timeout with 500 ms heartbeats, and node 2's own ports in its listeners.
     */
    @Test
    void threeNodesFormAThreeVoterQuorumWithMinIsrTwo(@TempDir Path dir) {
        // 1. Generate
        Map<String, String> p = ServerProperties.forNode(ClusterSpec.of(3), N2, List.of(N1, N2, N3), dir);

        // 2. Quorum and this node's own listeners
        assertThat(p).containsEntry("node.id", "2")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:21002,2@127.0.0.1:21004,3@127.0.0.1:21006")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:21003,CONTROLLER://127.0.0.1:21004");

        // 3. Replication
        assertThat(p).containsEntry("default.replication.factor", "3")
                .containsEntry("min.insync.replicas", "2")
                .containsEntry("offsets.topic.replication.factor", "3")
                .containsEntry("transaction.state.log.replication.factor", "3")
                .containsEntry("transaction.state.log.min.isr", "2")
                .containsEntry("share.coordinator.state.topic.replication.factor", "3")
                .containsEntry("share.coordinator.state.topic.min.isr", "2")
                .containsEntry("unclean.leader.election.enable", "false");

        // 4. Fast failure detection
        assertThat(p).containsEntry("broker.session.timeout.ms", "3000")
                .containsEntry("broker.heartbeat.interval.ms", "500")
                .containsEntry("group.initial.rebalance.delay.ms", "0");
    }

    /**
     * Purpose: extra broker properties from the spec win over the generated ones.
     * How: override a generated key and add a new one.
     * Pass: both carry the spec's values.
     */
    @Test
    void extraBrokerPropertiesOverrideGeneratedOnes(@TempDir Path dir) {
        // 1. Generate with overrides
        ClusterSpec spec = ClusterSpec.of(1)
                .withBrokerProperty("group.initial.rebalance.delay.ms", "100")
                .withBrokerProperty("log.retention.ms", "-1");
        Map<String, String> p = ServerProperties.forNode(spec, N1, List.of(N1), dir);

        // 2. Overrides applied
        assertThat(p).containsEntry("group.initial.rebalance.delay.ms", "100")
                .containsEntry("log.retention.ms", "-1");
    }

    /**
     * Purpose: the written file reads back as the same properties (so the broker sees what we meant).
     * How: write, then load with {@link Properties}.
     * Pass: the loaded entries equal the generated map.
     */
    @Test
    void writtenFileReadsBackUnchanged(@TempDir Path dir) throws Exception {
        // 1. Write
        Map<String, String> p = ServerProperties.forNode(ClusterSpec.of(3), N3, List.of(N1, N2, N3), dir);
        Path file = dir.resolve("server.properties");
        ServerProperties.write(p, file);

        // 2. Read back
        Properties loaded = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            loaded.load(r);
        }
        assertThat(loaded).containsExactlyInAnyOrderEntriesOf(p);
    }

    /**
     * Purpose: the broker's log stays small but keeps the start-up lines.
     * How: inspect the generated log4j2 configuration.
     * Pass: root level warn, KafkaRaftServer (which logs "Kafka Server started") at info.
     */
    @Test
    void brokerLogIsWarnLevelButKeepsStartupLines() {
        // 1. Generate and check
        assertThat(ServerProperties.log4j2())
                .contains("rootLogger.level = warn")
                .contains("logger.raftserver.name = kafka.server.KafkaRaftServer")
                .contains("logger.raftserver.level = info");
    }
    /**
     * Purpose: a SASL_SSL listener is added beside PLAINTEXT without changing how brokers and
     * controllers talk to each other.
     * How: generate node 1's properties for a spec with two users and a stand-in keystore.
     * Pass: the listener on its own port in listeners, advertised listeners and the protocol map;
     * inter-broker and controller listeners unchanged; TLS and SASL settings prefixed with the
     * listener's name; every user in the PLAIN JAAS entry, a quote in a password escaped.
     */
    @Test
    void saslSslListenerIsAddedBesidePlaintext(@TempDir Path dir) throws Exception {
        // 1. Generate
        ClusterSpec spec = ClusterSpec.of(1).withSaslSslUser("alice", "a\"b").withSaslSslUser("bob", "pw2");
        NodeAddress secured = new NodeAddress(1, 21001, 21002, 21003);
        TlsMaterial tls = TlsMaterial.generate(dir.resolve("tls"));
        Map<String, String> p = ServerProperties.forNode(spec, secured, List.of(secured), dir, tls);

        // 2. Listeners: SASL_SSL added, inter-broker and controller still PLAINTEXT
        String listeners = "PLAINTEXT://127.0.0.1:21001,CONTROLLER://127.0.0.1:21002,SASL_SSL://127.0.0.1:21003";
        assertThat(p).containsEntry("listeners", listeners)
                .containsEntry("advertised.listeners", listeners)
                .containsEntry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL")
                .containsEntry("inter.broker.listener.name", "PLAINTEXT")
                .containsEntry("controller.listener.names", "CONTROLLER");

        // 3. The listener's own TLS and SASL settings
        assertThat(p).containsEntry("listener.name.sasl_ssl.ssl.keystore.location", tls.keystore().toAbsolutePath().toString())
                .containsEntry("listener.name.sasl_ssl.ssl.keystore.type", "PKCS12")
                .containsEntry("listener.name.sasl_ssl.ssl.keystore.password", tls.keystorePassword())
                .containsEntry("listener.name.sasl_ssl.sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-256,SCRAM-SHA-512")
                .containsEntry("listener.name.sasl_ssl.plain.sasl.jaas.config",
                        "org.apache.kafka.common.security.plain.PlainLoginModule required"
                                + " user_alice=\"a\\\"b\" user_bob=\"pw2\";")
                .containsEntry("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required;");

        // 4. The keystore and truststore exist, readable by their owner only
        assertThat(java.nio.file.Files.getPosixFilePermissions(tls.truststore()))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(tls.truststore())) {
            trust.load(in, tls.truststorePassword().toCharArray());
        }
        assertThat(trust.isCertificateEntry("broker")).isTrue();
    }
}
