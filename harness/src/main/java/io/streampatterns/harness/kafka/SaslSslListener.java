package io.streampatterns.harness.kafka;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A running cluster's SASL_SSL client listener: where it is, the truststore that verifies its
 * certificate, and the users it accepts. Made by {@link SaslSslSetup} for a {@link KafkaCluster} whose spec has
 * {@link ClusterSpec#withSaslSslUser SASL users}.
 *
 * <p>The truststore and its password exist only while the cluster runs (they are generated at
 * start and deleted with the cluster's folder). {@link #toString()} shows neither passwords nor
 * the truststore's.
 */
public final class SaslSslListener {
    /** The SASL mechanisms the listener accepts, as Kafka names them. */
    public static final List<String> MECHANISMS = ServerProperties.SASL_MECHANISMS;

    private final String bootstrapServers;
    private final Path truststore;
    private final String truststorePassword;
    private final Map<String, String> users;

    SaslSslListener(String bootstrapServers, Path truststore, String truststorePassword, Map<String, String> users) {
        this.bootstrapServers = bootstrapServers;
        this.truststore = truststore;
        this.truststorePassword = truststorePassword;
        this.users = Map.copyOf(users);
    }

    /** @return {@code 127.0.0.1:<port>} of every node's SASL_SSL listener, comma-separated */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** @return the PKCS12 truststore holding the brokers' self-signed certificate */
    public Path truststore() {
        return truststore;
    }

    /** @return the truststore's password (random, generated when the cluster started) */
    public String truststorePassword() {
        return truststorePassword;
    }

    /** @return {@code PKCS12} */
    public String truststoreType() {
        return TlsMaterial.STORE_TYPE;
    }

    /** @return the users the listener accepts */
    public Set<String> users() {
        return users.keySet();
    }

    /**
     * @param user one of {@link #users()}
     * @return the password the spec gave that user
     */
    public String password(String user) {
        String password = users.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no SASL user '" + user + "'; the listener has users " + users.keySet());
        }
        return password;
    }

    /**
     * Client properties for a harness-side client that logs in as {@code user} (the code under test
     * should build its own from a secret provider instead).
     *
     * @param user one of {@link #users()}
     * @param mechanism one of {@link #MECHANISMS}
     * @return security.protocol, sasl.mechanism, sasl.jaas.config and ssl.truststore.*
     */
    public Map<String, String> clientProperties(String user, String mechanism) {
        if (!MECHANISMS.contains(mechanism)) {
            throw new IllegalArgumentException("mechanism must be one of " + MECHANISMS + "; got " + mechanism);
        }
        String module = mechanism.equals("PLAIN") ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("security.protocol", "SASL_SSL");
        properties.put("sasl.mechanism", mechanism);
        properties.put("sasl.jaas.config", module + " required username=\"" + user + "\" password=\""
                + password(user).replace("\\", "\\\\").replace("\"", "\\\"") + "\";");
        properties.put("ssl.truststore.location", truststore.toAbsolutePath().toString());
        properties.put("ssl.truststore.password", truststorePassword);
        properties.put("ssl.truststore.type", truststoreType());
        return properties;
    }

    @Override
    public String toString() {
        return "SaslSslListener{" + bootstrapServers + ", users " + users.keySet() + ", truststore " + truststore + "}";
    }
}
