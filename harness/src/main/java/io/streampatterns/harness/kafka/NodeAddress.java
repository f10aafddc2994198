package io.streampatterns.harness.kafka;

/**
 * The ports one node listens on. A node keeps them across restarts so that clients, the other
 * voters and the quorum configuration stay valid.
 *
 * <p>When a SASL_SSL listener is added, its port goes here and its listener lines go into
 * {@link ServerProperties#listeners}.
 *
 * @param nodeId the KRaft node id (1-based)
 * @param brokerPort port of the PLAINTEXT client/inter-broker listener
 * @param controllerPort port of the CONTROLLER (Raft quorum) listener
 */
record NodeAddress(int nodeId, int brokerPort, int controllerPort) {

    /** Every listener binds to loopback only: tests must not expose brokers on the network. */
    static final String HOST = "127.0.0.1";

    /** @return {@code 127.0.0.1:<brokerPort>}, what clients bootstrap from */
    String brokerEndpoint() {
        return HOST + ":" + brokerPort;
    }

    /** @return {@code <id>@127.0.0.1:<controllerPort>}, this node's entry in the voter list */
    String voter() {
        return nodeId + "@" + HOST + ":" + controllerPort;
    }
}
