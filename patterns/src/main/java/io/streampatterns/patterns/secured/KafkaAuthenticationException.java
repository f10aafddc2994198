package io.streampatterns.patterns.secured;

/**
 * A broker refused the pipeline's login, or the TLS handshake before it failed, when the pipeline
 * was about to start; no query was started. The message names the user, the listener and the
 * mechanism, and never a password.
 */
public final class KafkaAuthenticationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String username;
    private final String bootstrapServers;
    private final String mechanism;

    KafkaAuthenticationException(String message, String username, String bootstrapServers, String mechanism,
            Throwable cause) {
        super(message, cause);
        this.username = username;
        this.bootstrapServers = bootstrapServers;
        this.mechanism = mechanism;
    }

    /** The user that tried to log in. */
    public String username() {
        return username;
    }

    /** The SASL_SSL listener's bootstrap servers. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The SASL mechanism, e.g. {@code PLAIN}. */
    public String mechanism() {
        return mechanism;
    }
}
