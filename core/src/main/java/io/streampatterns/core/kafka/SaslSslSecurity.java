package io.streampatterns.core.kafka;

import io.streampatterns.core.secrets.Secret;
import io.streampatterns.core.secrets.SecretException;
import io.streampatterns.core.secrets.SecretProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SASL over TLS: the connection is encrypted and the broker's certificate checked (SSL), and the
 * client logs in with a user name and password (SASL/PLAIN or SCRAM). Every credential, and the
 * truststore, comes from a {@link SecretProvider} when {@link #clientProperties()} is called, that
 * is when a query starts; nothing secret is held by this object or printed by {@link #toString()}.
 *
 * <pre>{@code
 * KafkaSecurity security = SaslSslSecurity.builder(SecretProvider.environment("KAFKA_"))
 *     .mechanism(SaslSslSecurity.Mechanism.SCRAM_SHA_512)
 *     .truststore("truststore.location", "truststore.password")   // omit for a public CA
 *     .build();
 * }</pre>
 *
 * <p>Why the JAAS string is built here and not by the caller: the seed interpolates the password
 * into {@code sasl.jaas.config} with an f-string, which breaks on a password holding a quote or a
 * backslash (the JAAS parser reads them as the end of the value or as an escape) and puts the
 * password in the notebook's variables. Here the values are escaped for the JAAS parser, and a
 * value it cannot hold (a line break) is refused with the secret's name, not its value.
 *
 * <p>Hostname verification stays on (Kafka's default {@code ssl.endpoint.identification.algorithm=https}):
 * turning it off lets anyone with any certificate the truststore accepts pose as the broker and
 * collect the password that PLAIN sends.
 */
public final class SaslSslSecurity implements KafkaSecurity {

    /** A SASL mechanism and the JAAS login module that implements it on the client. */
    public enum Mechanism {
        /** The password travels to the broker (inside TLS); what most managed Kafka services use. */
        PLAIN("PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule"),
        /** Challenge-response: the password never leaves the client; the broker stores a salted hash. */
        SCRAM_SHA_256("SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule"),
        /** As {@link #SCRAM_SHA_256}, with SHA-512. */
        SCRAM_SHA_512("SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule");

        private final String kafkaName;
        private final String loginModule;

        Mechanism(String kafkaName, String loginModule) {
            this.kafkaName = kafkaName;
            this.loginModule = loginModule;
        }

        /** The name Kafka's {@code sasl.mechanism} takes, e.g. {@code SCRAM-SHA-512}. */
        public String kafkaName() {
            return kafkaName;
        }

        /** The client's JAAS login module class. */
        public String loginModule() {
            return loginModule;
        }
    }

    public static final String DEFAULT_USERNAME_SECRET = "username";
    public static final String DEFAULT_PASSWORD_SECRET = "password";
    public static final String DEFAULT_TRUSTSTORE_TYPE = "PKCS12";

    private final SecretProvider secrets;
    private final Mechanism mechanism;
    private final String usernameSecret;
    private final String passwordSecret;
    private final String truststoreLocationSecret;
    private final String truststorePasswordSecret;
    private final String truststoreType;

    private SaslSslSecurity(Builder b) {
        this.secrets = b.secrets;
        this.mechanism = b.mechanism;
        this.usernameSecret = b.usernameSecret;
        this.passwordSecret = b.passwordSecret;
        this.truststoreLocationSecret = b.truststoreLocationSecret;
        this.truststorePasswordSecret = b.truststorePasswordSecret;
        this.truststoreType = b.truststoreType;
    }

    /** @param secrets where the user name, password and truststore are looked up */
    public static Builder builder(SecretProvider secrets) {
        return new Builder(secrets);
    }

    /**
     * Problems in this configuration, each naming the option and what was expected; empty when
     * valid. No secret is looked up here, so a pipeline can be checked where the secrets do not exist.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (secrets == null) {
            problems.add("security.secrets: expected a SecretProvider to read the credentials from, got none");
        }
        if (mechanism == null) {
            problems.add("security.mechanism: expected PLAIN, SCRAM_SHA_256 or SCRAM_SHA_512, got none");
        }
        checkName(problems, "security.usernameSecret", usernameSecret, true);
        checkName(problems, "security.passwordSecret", passwordSecret, true);
        boolean hasLocation = truststoreLocationSecret != null;
        boolean hasPassword = truststorePasswordSecret != null;
        if (hasLocation || hasPassword) {
            checkName(problems, "security.truststore location secret", truststoreLocationSecret, true);
            checkName(problems, "security.truststore password secret", truststorePasswordSecret, true);
        }
        if (truststoreType == null || !(truststoreType.equals("PKCS12") || truststoreType.equals("JKS")
                || truststoreType.equals("PEM"))) {
            problems.add("security.truststoreType: expected PKCS12, JKS or PEM, got '" + truststoreType + "'");
        }
        return problems;
    }

    private static void checkName(List<String> problems, String option, String name, boolean required) {
        if (name == null || name.isBlank()) {
            if (required) {
                problems.add(option + ": expected the name of a secret, got nothing");
            }
        } else if (!name.matches("[A-Za-z0-9._-]+")) {
            problems.add(option + ": expected a secret name of letters, digits, '.', '_' or '-', got '" + name + "'");
        }
    }

    /**
     * Looks the credentials up and returns the client properties: {@code security.protocol},
     * {@code sasl.mechanism}, {@code sasl.jaas.config} and, when a truststore was given,
     * {@code ssl.truststore.*}.
     *
     * @throws io.streampatterns.core.secrets.SecretNotFoundException naming a missing secret
     * @throws SecretException when a secret cannot be read or cannot go into a JAAS string
     * @throws IllegalStateException when the configuration has {@link #problems()}
     */
    @Override
    public Map<String, String> clientProperties() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("SASL_SSL security is not valid: " + String.join("; ", problems));
        }
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("security.protocol", "SASL_SSL");
        properties.put("sasl.mechanism", mechanism.kafkaName());
        properties.put("sasl.jaas.config", jaasConfig(secrets.get(usernameSecret), secrets.get(passwordSecret)));
        if (truststoreLocationSecret != null) {
            properties.put("ssl.truststore.location", secrets.get(truststoreLocationSecret).reveal());
            properties.put("ssl.truststore.password", secrets.get(truststorePasswordSecret).reveal());
            properties.put("ssl.truststore.type", truststoreType);
        }
        return properties;
    }

    /** The user name, looked up now: for messages that name who failed to log in. */
    public String username() {
        return secrets.get(usernameSecret).reveal();
    }

    private String jaasConfig(Secret username, Secret password) {
        return mechanism.loginModule() + " required username=\"" + jaasQuoted(username)
                + "\" password=\"" + jaasQuoted(password) + "\";";
    }

    /**
     * Escapes a value for a double-quoted JAAS option. Kafka's parser (a {@code StreamTokenizer})
     * ends a quoted value at a quote or a line break and reads a backslash as an escape.
     */
    static String jaasQuoted(Secret secret) {
        String value = secret.reveal();
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new SecretException("secret '" + secret.name() + "' from " + secret.origin()
                    + " holds a line break, which a JAAS option cannot hold; remove it (a trailing newline"
                    + " in a properties value or environment variable is the usual cause)");
        }
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    public Mechanism mechanism() {
        return mechanism;
    }

    public SecretProvider secrets() {
        return secrets;
    }

    /** The name of the secret holding the user name. */
    public String usernameSecret() {
        return usernameSecret;
    }

    /** The name of the secret holding the password. */
    public String passwordSecret() {
        return passwordSecret;
    }

    /** Whether a truststore is configured; without one the JVM's default CAs verify the broker. */
    public Optional<String> truststoreLocationSecret() {
        return Optional.ofNullable(truststoreLocationSecret);
    }

    /** Names the mechanism and which secrets of which provider are used; never a value. */
    @Override
    public String toString() {
        return "SaslSslSecurity(" + (mechanism == null ? "no mechanism" : mechanism.kafkaName())
                + ", username '" + usernameSecret + "' and password '" + passwordSecret + "'"
                + (truststoreLocationSecret == null ? ", JVM default truststore"
                        : ", truststore '" + truststoreLocationSecret + "' (" + truststoreType + ") with password '"
                                + truststorePasswordSecret + "'")
                + " from " + secrets + ")";
    }

    /** Collects the options; {@link #build()} never throws: {@link #problems()} reports them all. */
    public static final class Builder {
        private final SecretProvider secrets;
        private Mechanism mechanism = Mechanism.PLAIN;
        private String usernameSecret = DEFAULT_USERNAME_SECRET;
        private String passwordSecret = DEFAULT_PASSWORD_SECRET;
        private String truststoreLocationSecret;
        private String truststorePasswordSecret;
        private String truststoreType = DEFAULT_TRUSTSTORE_TYPE;

        private Builder(SecretProvider secrets) {
            this.secrets = secrets;
        }

        /** PLAIN (the default) or SCRAM; what the broker's listener enables decides. */
        public Builder mechanism(Mechanism mechanism) {
            this.mechanism = mechanism;
            return this;
        }

        /** The secret holding the user name; default {@value SaslSslSecurity#DEFAULT_USERNAME_SECRET}. */
        public Builder usernameSecret(String name) {
            this.usernameSecret = name;
            return this;
        }

        /** The secret holding the password; default {@value SaslSslSecurity#DEFAULT_PASSWORD_SECRET}. */
        public Builder passwordSecret(String name) {
            this.passwordSecret = name;
            return this;
        }

        /**
         * A truststore that verifies the broker's certificate (a private CA or a self-signed
         * certificate), its path and password both read from secrets. Without it the JVM's default
         * CAs are used, which is right for brokers with a public certificate.
         */
        public Builder truststore(String locationSecret, String passwordSecret) {
            this.truststoreLocationSecret = locationSecret;
            this.truststorePasswordSecret = passwordSecret;
            return this;
        }

        /** PKCS12 (the default), JKS or PEM. */
        public Builder truststoreType(String type) {
            this.truststoreType = type;
            return this;
        }

        public SaslSslSecurity build() {
            return new SaslSslSecurity(this);
        }
    }
}
