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

    @KafkaClusterConfig(brokerProperties = {"log.retention.ms = -1", "group.initial.rebalance.delay.ms"})
    private static final class PropertyWithoutValue {
    }

    @KafkaClusterConfig(brokers = 2)
    private static final class TwoBrokers {
    }

    @KafkaClusterConfig(startTimeoutSeconds = 0)
    private static final class NoTimeToStart {
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

    /**
     * Purpose: each attribute of the annotation that cannot describe a cluster is refused by name,
     * before any broker starts.
     * How: parse a broker property without '=', two brokers, and a start timeout of 0 s.
     * Pass: IllegalArgumentExceptions naming brokerProperties (quoting the entry), brokers (saying
     * 1 or 3) and startTimeoutSeconds (saying it must be positive).
     */
    @Test
    void anAttributeThatDescribesNoClusterIsRefusedByName() {
        // 1. Parse and check each
        assertThatThrownBy(() -> KafkaClusterExtension.spec(PropertyWithoutValue.class.getAnnotation(KafkaClusterConfig.class)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("@KafkaClusterConfig brokerProperties: expected key=value, got 'group.initial.rebalance.delay.ms'");
        assertThatThrownBy(() -> KafkaClusterExtension.spec(TwoBrokers.class.getAnnotation(KafkaClusterConfig.class)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("brokers must be 1 or 3");
        assertThatThrownBy(() -> KafkaClusterExtension.spec(NoTimeToStart.class.getAnnotation(KafkaClusterConfig.class)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("@KafkaClusterConfig startTimeoutSeconds: expected a positive number of seconds, got 0");
    }
}
