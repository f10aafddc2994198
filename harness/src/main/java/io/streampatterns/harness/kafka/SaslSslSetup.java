package io.streampatterns.harness.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

/**
 * The running half of a secured cluster's SASL_SSL client listener, done once every node serves:
 * stores each user's SCRAM credentials in the cluster's metadata, waits until every node accepts a
 * PLAIN and a SCRAM login, and describes the listener for clients. The half written before launch
 * (the keystore from {@link TlsMaterial}, the listener's settings from {@link ServerProperties}) is
 * theirs; inter-broker traffic and the harness's own clients stay on PLAINTEXT throughout.
 */
final class SaslSslSetup {

    /** SCRAM's iteration count; Kafka's minimum, as nothing here needs to resist an offline attack. */
    private static final int SCRAM_ITERATIONS = 4096;

    private SaslSslSetup() {
    }

    /**
     * Stores the spec's users' SCRAM credentials and waits until every node accepts their logins.
     *
     * @return the listener, for clients
     * @throws KafkaClusterException if the credentials cannot be stored or a node accepts no login in time
     */
    static SaslSslListener complete(ClusterSpec spec, ClusterNodes nodes, TlsMaterial tls, KafkaClients clients,
            StartDeadline deadline) {
        storeScramCredentials(clients, spec.saslSslUsers());
        SaslSslListener listener = new SaslSslListener(nodes.saslSslBootstrapServers(), tls.truststore(),
                tls.truststorePassword(), spec.saslSslUsers());
        awaitLogins(listener, nodes, deadline);
        return listener;
    }

    /**
     * SCRAM credentials live in the cluster's metadata, not in a file: stored through the Admin API
     * (over PLAINTEXT), for every user and both SCRAM mechanisms.
     */
    private static void storeScramCredentials(KafkaClients clients, Map<String, String> users) {
        // One request per mechanism: a request may alter each user only once.
        for (ScramMechanism mechanism : List.of(ScramMechanism.SCRAM_SHA_256, ScramMechanism.SCRAM_SHA_512)) {
            List<UserScramCredentialAlteration> upserts = new ArrayList<>();
            users.forEach((user, password) -> upserts.add(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(mechanism, SCRAM_ITERATIONS), password)));
            clients.call("store " + mechanism.mechanismName() + " credentials of " + users.keySet(),
                    admin -> admin.alterUserScramCredentials(upserts).all());
        }
    }

    /**
     * Waits until every node's SASL_SSL listener accepts the first user with PLAIN and with
     * SCRAM-SHA-512 (a node applies the SCRAM credentials when it has replayed them from the
     * metadata log, a moment after they were stored).
     */
    private static void awaitLogins(SaslSslListener listener, ClusterNodes nodes, StartDeadline deadline) {
        String user = listener.users().iterator().next();
        for (BrokerNode node : nodes.all()) {
            for (String mechanism : List.of("PLAIN", "SCRAM-SHA-512")) {
                Exception last = null;
                while (true) {
                    deadline.check(node, last);
                    // A new client per attempt: one whose login failed may keep failing.
                    Map<String, Object> config = ClusterStartup.probeConfig(node.address().saslSslEndpoint(),
                            "kafka-cluster-sasl-probe-" + node.id());
                    config.putAll(listener.clientProperties(user, mechanism));
                    Admin probe = Admin.create(config);
                    try {
                        ClusterStartup.probeNodes(probe);
                        break;
                    } catch (ExecutionException | TimeoutException e) {
                        last = e;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new KafkaClusterException("interrupted while waiting for the SASL_SSL listener", e);
                    } finally {
                        probe.close(Duration.ofSeconds(2));
                    }
                    StartDeadline.backOff(250);
                }
            }
        }
    }
}
