package io.streampatterns.harness.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * Checks the cluster spec's rules: sizes, derived replication settings, immutability.
 */
class ClusterSpecTest {

    /**
     * Purpose: only 1 or 3 nodes are offered (2 voters cannot lose a node; more is not needed).
     * How: ask for 2 and 0 nodes.
     * Pass: both are rejected with a message that says why.
     */
    @Test
    void acceptsOnlyOneOrThreeNodes() {
        // 1. Rejected sizes
        assertThatThrownBy(() -> ClusterSpec.of(2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 or 3");
        assertThatThrownBy(() -> ClusterSpec.of(0)).isInstanceOf(IllegalArgumentException.class);

        // 2. Accepted sizes
        assertThat(ClusterSpec.of(1).brokers()).isEqualTo(1);
        assertThat(ClusterSpec.of(3).brokers()).isEqualTo(3);
    }

    /**
     * Purpose: replication follows the size so that 3 nodes survive one lost node.
     * How: compare the derived values.
     * Pass: RF 1 / min ISR 1 for one node, RF 3 / min ISR 2 for three.
     */
    @Test
    void replicationFollowsClusterSize() {
        // 1. One node
        assertThat(ClusterSpec.of(1).replicationFactor()).isEqualTo(1);
        assertThat(ClusterSpec.of(1).minInsyncReplicas()).isEqualTo(1);

        // 2. Three nodes
        assertThat(ClusterSpec.of(3).replicationFactor()).isEqualTo(3);
        assertThat(ClusterSpec.of(3).minInsyncReplicas()).isEqualTo(2);
    }

    /**
     * Purpose: a spec can be shared safely; {@code with...} returns a changed copy.
     * How: derive a spec and compare with the original.
     * Pass: the original is unchanged; the copy carries the new settings.
     */
    @Test
    void withMethodsReturnChangedCopies() {
        // 1. Derive
        ClusterSpec base = ClusterSpec.of(3);
        ClusterSpec changed = base.withBrokerProperty("log.retention.ms", "-1")
                .withStartTimeout(Duration.ofSeconds(120));

        // 2. Original untouched, copy changed
        assertThat(base.brokerProperties()).isEmpty();
        assertThat(base.startTimeout()).isEqualTo(ClusterSpec.DEFAULT_START_TIMEOUT);
        assertThat(changed.brokerProperties()).containsEntry("log.retention.ms", "-1");
        assertThat(changed.startTimeout()).isEqualTo(Duration.ofSeconds(120));
    }
    /**
     * Purpose: SASL_SSL users are checked when added, and their passwords never printed.
     * How: add valid and invalid users; format the spec.
     * Pass: a bad user name or password is refused without echoing the password; toString lists
     * user names only; a spec without users has no listener.
     */
    @Test
    void saslSslUsersAreCheckedAndTheirPasswordsNotPrinted() {
        // 1. Valid users turn the listener on
        ClusterSpec spec = ClusterSpec.of(1).withSaslSslUser("alice", "s3cret-Alice");
        assertThat(ClusterSpec.of(1).hasSaslSslListener()).isFalse();
        assertThat(spec.hasSaslSslListener()).isTrue();
        assertThat(spec.saslSslUsers()).containsEntry("alice", "s3cret-Alice");
        assertThat(spec.toString()).contains("saslSslUsers=[alice]").doesNotContain("s3cret-Alice");

        // 2. Invalid ones are refused
        assertThatThrownBy(() -> ClusterSpec.of(1).withSaslSslUser("al ice", "pw"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("letters, digits");
        assertThatThrownBy(() -> ClusterSpec.of(1).withSaslSslUser("bob", "hunter2\nX"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("printable ASCII")
                .hasMessageNotContaining("hunter2");
    }
}
