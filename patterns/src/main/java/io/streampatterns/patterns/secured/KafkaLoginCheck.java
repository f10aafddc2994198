package io.streampatterns.patterns.secured;

import io.streampatterns.core.Pipeline;
import io.streampatterns.core.StartCheck;
import io.streampatterns.core.kafka.SaslSslSecurity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Before the query starts, logs in to the brokers once with the pipeline's own SASL_SSL settings
 * (an AdminClient asking for the cluster's nodes) and fails the start at once if the login is
 * refused.
 *
 * <p>Why: measured on Spark 4.2 with a wrong password, {@code start()} returns a query that looks
 * healthy and fails on its own thread some seconds later (about 5 s here: the source's offset
 * fetch tries three times; a wrong sink password fails the first task, and on a cluster each task
 * is tried {@code spark.task.maxFailures} times). Code that does not await the query sees nothing,
 * and the producer Spark cached for the failed sink keeps reconnecting and logging authentication
 * errors after the query has died. This check turns that into an exception from
 * {@link Pipeline#start} itself, naming the user, the listener and the mechanism, with no query
 * started and no client left behind.
 *
 * <p>A refused login or TLS handshake throws {@link KafkaAuthenticationException}; a broker that
 * does not answer in time, or settings the client cannot even be built from, are reported as
 * problems of the pipeline (an {@link io.streampatterns.core.InvalidPipelineException}). Every message
 * is scrubbed of the password and the truststore password, including the broker's own text, and
 * Kafka's exception is kept as the cause only when none of its messages holds them.
 */
public final class KafkaLoginCheck implements StartCheck {
    private final String bootstrapServers;
    private final SaslSslSecurity security;
    private final Duration timeout;

    /**
     * @param bootstrapServers the SASL_SSL listener's brokers
     * @param security the credentials the pipeline's source and sink use
     * @param timeout how long the brokers may take to answer; a refused login arrives in one round trip
     */
    public KafkaLoginCheck(String bootstrapServers, SaslSslSecurity security, Duration timeout) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.security = Objects.requireNonNull(security, "security");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public List<String> problems(Pipeline pipeline, Dataset<Row> plan, SparkSession spark) {
        Map<String, String> properties = security.clientProperties();
        String username = security.username();
        List<String> secrets = new ArrayList<>();
        secrets.add(security.secrets().get(security.passwordSecret()).reveal());
        if (properties.containsKey("ssl.truststore.password")) {
            secrets.add(properties.get("ssl.truststore.password"));
        }
        String mechanism = security.mechanism().kafkaName();
        String where = "the SASL_SSL listener at " + bootstrapServers + " (SASL mechanism " + mechanism + ")";

        Map<String, Object> config = new HashMap<>(properties);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "streampatterns-login-check-" + pipeline.name());
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
        Admin admin;
        try {
            admin = Admin.create(config);
        } catch (KafkaException e) {
            return List.of("kafka login: cannot build a SASL_SSL client for " + where + " as user '" + username
                    + "': " + scrub(causes(e), secrets) + "; check the truststore secrets of " + security.secrets());
        }
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs)).nodes()
                    .get(timeout.toMillis() + 2_000, TimeUnit.MILLISECONDS);
            return List.of();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof AuthenticationException) {
                throw refused(cause, username, mechanism, where, secrets);
            }
            return List.of("kafka login: " + where + " did not let user '" + username + "' in within "
                    + timeout.toSeconds() + " s: " + scrub(causes(cause), secrets)
                    + "; check the bootstrap servers and that they name a SASL_SSL listener");
        } catch (TimeoutException e) {
            return List.of("kafka login: no answer from " + where + " within " + timeout.toSeconds()
                    + " s; check the bootstrap servers and that they name a SASL_SSL listener");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while logging in to " + where, e);
        } finally {
            admin.close(Duration.ofSeconds(2));
        }
    }

    private KafkaAuthenticationException refused(Throwable cause, String username, String mechanism, String where,
            List<String> secrets) {
        String message;
        if (cause instanceof SslAuthenticationException) {
            message = "the TLS handshake with " + where + " failed before user '" + username + "' could log in: "
                    + scrub(causes(cause), secrets) + ". Check that the truststore "
                    + security.truststoreLocationSecret().map(s -> "(secret '" + s + "')").orElse("(the JVM's default)")
                    + " holds the certificate authority of the brokers' certificates, and that those name the"
                    + " hosts in the bootstrap servers. No query was started.";
        } else {
            message = "Kafka refused user '" + username + "' at " + where + ": " + scrub(causes(cause), secrets)
                    + ". Check the secrets '" + security.usernameSecret() + "' and '" + security.passwordSecret()
                    + "' of " + security.secrets() + ". No query was started.";
        }
        boolean causeIsClean = secrets.stream().noneMatch(s -> causes(cause).contains(s));
        return new KafkaAuthenticationException(message, username, bootstrapServers, mechanism,
                causeIsClean ? cause : null);
    }

    /** Every message of the cause chain, joined: Kafka's SSL errors say what went wrong only in the root cause. */
    private static String causes(Throwable t) {
        StringBuilder text = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String message = c.getMessage();
            if (message != null && !message.isBlank() && text.indexOf(message) < 0) {
                text.append(text.length() == 0 ? "" : " <- ").append(message);
            }
        }
        return text.length() == 0 ? t.getClass().getSimpleName() : text.toString();
    }

    /** Replaces every secret value in {@code text}, whatever the broker or a library put there. */
    static String scrub(String text, List<String> secrets) {
        String scrubbed = text;
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                scrubbed = scrubbed.replace(secret, "***");
            }
        }
        return scrubbed;
    }

    public Duration timeout() {
        return timeout;
    }

    @Override
    public String toString() {
        return "KafkaLoginCheck(" + bootstrapServers + ", " + security + ", timeout " + timeout + ")";
    }
}
