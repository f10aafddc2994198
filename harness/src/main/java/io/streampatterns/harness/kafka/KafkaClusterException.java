package io.streampatterns.harness.kafka;

/**
 * A real-broker fixture could not do what a test asked of it (a node did not start, a topic did not
 * get leaders, the broker jars are missing).
 *
 * <p>Unchecked on purpose: tests cannot recover from a broken fixture, and the message (which carries
 * the tail of the failing node's log where there is one) is what the engineer needs to read.
 */
public class KafkaClusterException extends RuntimeException {

    /**
     * @param message what went wrong, including any log excerpt
     */
    public KafkaClusterException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, including any log excerpt
     * @param cause the underlying failure
     */
    public KafkaClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
