package io.streampatterns.harness.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class one real Kafka cluster, started before its first test and killed after its last.
 * The cluster is injected as a {@link io.streampatterns.harness.kafka.KafkaCluster} parameter of the
 * constructor, of {@code @BeforeAll}/{@code @BeforeEach} methods or of test methods.
 *
 * <p>Why per class: starting brokers costs seconds (about 11 s for three nodes on 2 cores), so the
 * tests of a class share them; tests that damage the cluster should heal it (restart what they
 * killed) or live in their own class. {@code @Nested} classes share their enclosing class's cluster
 * unless they carry their own annotation.
 *
 * <pre>{@code
 * @KafkaClusterConfig(brokers = 3)
 * class FailoverIT {
 *     @Test
 *     void survivesALostNode(KafkaCluster cluster) { ... }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KafkaClusterExtension.class)
public @interface KafkaClusterConfig {

    /** @return number of combined broker+controller nodes: 1, or 3 for failover tests */
    int brokers() default 1;

    /** @return extra broker properties as {@code key=value}, applied to every node after the defaults */
    String[] brokerProperties() default {};

    /** @return how long each node may take to start, in seconds */
    int startTimeoutSeconds() default 90;

    /**
     * @return users of a SASL_SSL client listener as {@code user=password}; any gives every node that
     *     listener (see {@link io.streampatterns.harness.kafka.ClusterSpec#withSaslSslUser}), and
     *     {@link io.streampatterns.harness.kafka.KafkaCluster#saslSslListener()} tells where it is
     */
    String[] saslSslUsers() default {};
}
