package io.streampatterns.harness.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streampatterns.harness.kafka.ClusterSpec;
import org.junit.jupiter.api.Test;

/** How {@link KafkaClusterConfig} becomes a {@link ClusterSpec}, without starting a cluster. */
class KafkaClusterExtensionSpecTest {

    @KafkaClusterConfig(brokers = 3, saslSslUsers = {"alice=pw=with=equals ", "bob=x"})
    private static final class Secured {
    }

    @KafkaClusterConfig(saslSslUsers = "no-user-separator-Hx9")
    private static final class Malformed {
    }

    /**
     * Purpose: SASL_SSL users given on the annotation reach the spec exactly as written.
     * How: turn an annotated class's configuration into a spec.
     * Pass: both users, the first password with its '=' signs and trailing space intact; a class
     * without users gets no listener.
     */
    @Test
    void saslSslUsersReachTheSpecAsWritten() {
        // 1. Parse
        ClusterSpec spec = KafkaClusterExtension.spec(Secured.class.getAnnotation(KafkaClusterConfig.class));

        // 2. Users and passwords as written
        assertThat(spec.brokers()).isEqualTo(3);
        assertThat(spec.saslSslUsers()).containsEntry("alice", "pw=with=equals ").containsEntry("bob", "x");
        assertThat(KafkaClusterExtension.spec(null).hasSaslSslListener()).isFalse();
    }

    /**
     * Purpose: a malformed entry is refused without echoing it (it may be a bare password).
     * How: parse an entry without '='.
     * Pass: IllegalArgumentException that says what is wrong and does not quote the entry.
     */
    @Test
    void aMalformedEntryIsRefusedWithoutEchoingIt() {
        // 1. Parse and check
        assertThatThrownBy(() -> KafkaClusterExtension.spec(Malformed.class.getAnnotation(KafkaClusterConfig.class)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be user=password")
                .hasMessageNotContaining("Hx9");
    }
}
