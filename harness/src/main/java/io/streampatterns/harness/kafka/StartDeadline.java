package io.streampatterns.harness.kafka;

import java.time.Duration;
import java.time.Instant;

/**
 * The moment by which nodes being started must serve, and the check each of a start-up's wait loops
 * makes on every turn: a node whose process has exited, or that is still not serving at the
 * deadline, fails the start at once with the tail of its log rather than leaving a test to time
 * out. Also owns the package's one pause between the turns of a wait loop.
 */
final class StartDeadline {

    private final Duration timeout;
    private final Instant deadline;

    private StartDeadline(Duration timeout) {
        this.timeout = timeout;
        this.deadline = Instant.now().plus(timeout);
    }

    /** @return a deadline {@code timeout} from now */
    static StartDeadline after(Duration timeout) {
        return new StartDeadline(timeout);
    }

    /** @return whether the deadline has passed */
    boolean passed() {
        return Instant.now().isAfter(deadline);
    }

    /** @return how long the nodes were given, in seconds, for messages */
    long timeoutSeconds() {
        return timeout.toSeconds();
    }

    /**
     * @param node the node being waited for
     * @param lastError why the last probe failed, or null if no probe has answered yet
     * @throws KafkaClusterException if the node has exited or the deadline has passed
     */
    void check(BrokerNode node, Exception lastError) {
        if (!node.isRunning()) {
            throw new KafkaClusterException("Kafka " + node + " exited with code " + node.exitCode()
                    + " during start-up. " + node.describeLog());
        }
        if (passed()) {
            throw new KafkaClusterException("Kafka " + node + " did not serve within " + timeoutSeconds() + " s"
                    + (lastError == null ? " (its port never accepted a connection)" : " (last probe error: " + lastError + ")")
                    + ". " + node.describeLog(), lastError);
        }
    }

    /** Sleeps between two turns of a wait loop. */
    static void backOff(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaClusterException("interrupted while waiting for the cluster", e);
        }
    }
}
