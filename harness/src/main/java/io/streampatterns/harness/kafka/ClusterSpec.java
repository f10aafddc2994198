package io.streampatterns.harness.kafka;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What cluster to start: how many nodes, extra broker properties, how long start-up may take, and
 * optionally a SASL_SSL client listener with its users.
 *
 * <p>Immutable; each {@code with...} method returns a changed copy, so one spec can be shared by
 * several tests. Why only 1 or 3 nodes: one node is the cheapest fixture; three combined nodes are
 * the smallest quorum that survives losing a node (two voters would not), which chaos tests need.
 */
public final class ClusterSpec {

    /** How long a node may take to serve before start-up fails (3 nodes on 2 cores take ~11 s each). */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(90);

    private final int brokers;
    private final Map<String, String> brokerProperties;
    private final Duration startTimeout;
    private final Map<String, String> saslSslUsers;

    private ClusterSpec(int brokers, Map<String, String> brokerProperties, Duration startTimeout) {
        this(brokers, brokerProperties, startTimeout, Map.of());
    }

    private ClusterSpec(int brokers, Map<String, String> brokerProperties, Duration startTimeout,
            Map<String, String> saslSslUsers) {
        if (brokers != 1 && brokers != 3) {
            throw new IllegalArgumentException("brokers must be 1 or 3 (a 3-voter quorum survives one "
                    + "lost node, 2 voters would not); got " + brokers);
        }
        Objects.requireNonNull(startTimeout, "startTimeout");
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException("startTimeout must be positive; got " + startTimeout);
        }
        this.brokers = brokers;
        this.brokerProperties = Collections.unmodifiableMap(new LinkedHashMap<>(brokerProperties));
        this.startTimeout = startTimeout;
        this.saslSslUsers = Collections.unmodifiableMap(new LinkedHashMap<>(saslSslUsers));
    }

    /**
     * A spec with default settings.
     *
     * @param brokers 1 or 3 combined broker+controller nodes
     * @return the spec
     */
    public static ClusterSpec of(int brokers) {
        return new ClusterSpec(brokers, Map.of(), DEFAULT_START_TIMEOUT);
    }

    /**
     * Adds a broker property that every node gets, applied last so it overrides the generated ones.
     *
     * @param key a broker config name, e.g. {@code log.retention.ms}
     * @param value its value
     * @return a changed copy
     */
    public ClusterSpec withBrokerProperty(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Map<String, String> copy = new LinkedHashMap<>(brokerProperties);
        copy.put(key, value);
        return new ClusterSpec(brokers, copy, startTimeout, saslSslUsers);
    }

    /**
     * Adds several broker properties, see {@link #withBrokerProperty(String, String)}.
     *
     * @param properties broker config names and values
     * @return a changed copy
     */
    public ClusterSpec withBrokerProperties(Map<String, String> properties) {
        ClusterSpec spec = this;
        for (Map.Entry<String, String> e : properties.entrySet()) {
            spec = spec.withBrokerProperty(e.getKey(), e.getValue());
        }
        return spec;
    }

    /**
     * Sets how long each node may take to start (and to restart) before the fixture gives up.
     *
     * @param timeout a positive duration
     * @return a changed copy
     */
    public ClusterSpec withStartTimeout(Duration timeout) {
        return new ClusterSpec(brokers, brokerProperties, timeout, saslSslUsers);
    }

    /**
     * Adds a user of the SASL_SSL client listener; the first user added gives every node that
     * listener, on a port of its own next to the PLAINTEXT one.
     *
     * <p>The listener accepts SASL/PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512 over TLS, with a
     * self-signed certificate generated when the cluster starts (see
     * {@link KafkaCluster#saslSslListener()} for the truststore). Inter-broker and controller
     * traffic, and the harness's own clients ({@link KafkaCluster#admin()}, {@link KafkaCluster#newProducer},
     * {@link KafkaCluster#newConsumer}), stay on PLAINTEXT, so a test can prepare and read topics
     * without credentials while the code under test must authenticate.
     *
     * @param username letters, digits, '.', '_' or '-'
     * @param password printable ASCII
     * @return a changed copy
     */
    public ClusterSpec withSaslSslUser(String username, String password) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (!username.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("SASL username must be letters, digits, '.', '_' or '-'; got '"
                    + username + "'");
        }
        // Printable ASCII: server.properties is read as ISO-8859-1, and a line break would end the value.
        if (password.isEmpty() || !password.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("the SASL password of user '" + username
                    + "' must be non-empty printable ASCII (no line breaks)");
        }
        Map<String, String> copy = new LinkedHashMap<>(saslSslUsers);
        copy.put(username, password);
        return new ClusterSpec(brokers, brokerProperties, startTimeout, copy);
    }

    /** @return SASL_SSL users and their passwords, in the order added; empty when there is no such listener */
    public Map<String, String> saslSslUsers() {
        return saslSslUsers;
    }

    /** @return whether the nodes get a SASL_SSL client listener */
    public boolean hasSaslSslListener() {
        return !saslSslUsers.isEmpty();
    }

    /** @return the number of combined broker+controller nodes */
    public int brokers() {
        return brokers;
    }

    /** @return extra broker properties, in the order they were added */
    public Map<String, String> brokerProperties() {
        return brokerProperties;
    }

    /** @return how long each node may take to start */
    public Duration startTimeout() {
        return startTimeout;
    }

    /** @return replication factor for new and internal topics: {@code min(3, brokers)} */
    public int replicationFactor() {
        return Math.min(3, brokers);
    }

    /** @return {@code min.insync.replicas}: 2 with 3 nodes (one may be lost), else 1 */
    public int minInsyncReplicas() {
        return brokers >= 3 ? 2 : 1;
    }

    @Override
    public String toString() {
        return "ClusterSpec{brokers=" + brokers + ", brokerProperties=" + brokerProperties
                + ", startTimeout=" + startTimeout
                + (saslSslUsers.isEmpty() ? "" : ", saslSslUsers=" + saslSslUsers.keySet()) + "}";
    }
}
