package io.streampatterns.harness.kafka;

/**
 * The ports one node listens on. A node keeps them across restarts so that clients, the other
 * voters and the quorum configuration stay valid.
 *
 * <p>A listener's port goes here and its listener lines go into {@link ServerProperties#listeners}.
 *
 * @param nodeId the KRaft node id (1-based)
 * @param brokerPort port of the PLAINTEXT client/inter-broker listener
 * @param controllerPort port of the CONTROLLER (Raft quorum) listener
 * @param saslSslPort port of the SASL_SSL client listener, or 0 when the node has none
 */
record NodeAddress(int nodeId, int brokerPort, int controllerPort, int saslSslPort) {

    /** Every listener binds to loopback only: tests must not expose brokers on the network. */
    static final String HOST = "127.0.0.1";

    /** A node with the PLAINTEXT and CONTROLLER listeners only. */
    NodeAddress(int nodeId, int brokerPort, int controllerPort) {
        this(nodeId, brokerPort, controllerPort, 0);
    }

    /** @return {@code 127.0.0.1:<brokerPort>}, what clients bootstrap from */
    String brokerEndpoint() {
        return HOST + ":" + brokerPort;
    }

    /** @return whether this node has a SASL_SSL client listener */
    boolean hasSaslSsl() {
        return saslSslPort > 0;
    }

    /** @return {@code 127.0.0.1:<saslSslPort>}, what SASL_SSL clients bootstrap from */
    String saslSslEndpoint() {
        if (!hasSaslSsl()) {
            throw new IllegalStateException("node " + nodeId + " has no SASL_SSL listener");
        }
        return HOST + ":" + saslSslPort;
    }

    /** @return {@code <id>@127.0.0.1:<controllerPort>}, this node's entry in the voter list */
    String voter() {
        return nodeId + "@" + HOST + ":" + controllerPort;
    }
}
