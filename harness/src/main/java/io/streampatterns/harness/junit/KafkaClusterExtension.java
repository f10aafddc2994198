package io.streampatterns.harness.junit;

import java.time.Duration;
import java.util.Optional;

import io.streampatterns.harness.kafka.ClusterSpec;
import io.streampatterns.harness.kafka.KafkaCluster;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Starts one {@link KafkaCluster} per test class and injects it into parameters of type
 * {@code KafkaCluster}. Configured by {@link KafkaClusterConfig} (which registers this extension);
 * {@code @ExtendWith(KafkaClusterExtension.class)} alone gives a 1-node cluster.
 *
 * <p>Why the class-level store: JUnit closes a {@link ExtensionContext.Store.CloseableResource} when
 * its context ends, so the cluster is killed right after the class's {@code @AfterAll}, even when
 * tests fail. The cluster is started in {@code beforeAll} so that a start-up failure is reported once,
 * against the class, with the broker's log in the message. When a test fails, every node's log tail is
 * printed to standard error (surefire keeps it in the test's output): the cluster's folder is deleted
 * with the class, and a broker-side cause would otherwise be lost.
 */
public final class KafkaClusterExtension implements BeforeAllCallback, ParameterResolver, TestWatcher {

    private static final Namespace NAMESPACE = Namespace.create(KafkaClusterExtension.class);
    private static final String KEY = "cluster";

    /** Starts the class's cluster before its first test. */
    @Override
    public void beforeAll(ExtensionContext context) {
        cluster(context);
    }

    /** Supports parameters declared as {@link KafkaCluster}. */
    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == KafkaCluster.class;
    }

    /** Hands out the class's cluster, starting it if {@code beforeAll} has not yet. */
    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        try {
            return cluster(extensionContext);
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("cannot start the Kafka cluster: " + e.getMessage(), e);
        }
    }

    /** Prints the brokers' log tails, for a failure whose cause may be on the broker side. */
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        ClusterResource resource = owningClassContext(context).getStore(NAMESPACE).get(KEY, ClusterResource.class);
        if (resource != null) {
            System.err.println("Kafka cluster logs after the failure of " + context.getDisplayName() + ":\n"
                    + resource.cluster.describeLogs());
        }
    }

    /**
     * The cluster of the test class running in {@code context}, started on first use: for other
     * extensions (the conformance kit's) that build on a class's {@link KafkaClusterConfig}.
     */
    public static KafkaCluster clusterOf(ExtensionContext context) {
        return cluster(context);
    }

    private static KafkaCluster cluster(ExtensionContext context) {
        ExtensionContext owner = owningClassContext(context);
        KafkaClusterConfig config = config(owner).orElse(null);
        return owner.getStore(NAMESPACE)
                .getOrComputeIfAbsent(KEY, key -> new ClusterResource(KafkaCluster.start(spec(config))),
                        ClusterResource.class)
                .cluster;
    }

    /**
     * The class-level context the cluster belongs to: the innermost class (walking out through
     * {@code @Nested} classes) that carries {@link KafkaClusterConfig}, else the innermost class.
     */
    private static ExtensionContext owningClassContext(ExtensionContext context) {
        ExtensionContext innermostClass = null;
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            boolean classLevel = c.getTestClass().isPresent() && c.getTestMethod().isEmpty();
            if (!classLevel) {
                continue;
            }
            if (innermostClass == null) {
                innermostClass = c;
            }
            if (config(c).isPresent()) {
                return c;
            }
        }
        if (innermostClass == null) {
            throw new IllegalStateException("KafkaClusterExtension needs a test class context; got " + context);
        }
        return innermostClass;
    }

    private static Optional<KafkaClusterConfig> config(ExtensionContext classContext) {
        return classContext.getTestClass()
                .flatMap(type -> AnnotationSupport.findAnnotation(type, KafkaClusterConfig.class));
    }

    /** Turns the annotation (or its absence: one node, defaults) into a {@link ClusterSpec}. */
    static ClusterSpec spec(KafkaClusterConfig config) {
        if (config == null) {
            return ClusterSpec.of(1);
        }
        if (config.startTimeoutSeconds() <= 0) {
            throw new IllegalArgumentException("@KafkaClusterConfig startTimeoutSeconds: expected a positive number "
                    + "of seconds, got " + config.startTimeoutSeconds());
        }
        ClusterSpec spec = ClusterSpec.of(config.brokers())
                .withStartTimeout(Duration.ofSeconds(config.startTimeoutSeconds()));
        for (String property : config.brokerProperties()) {
            int eq = property.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("@KafkaClusterConfig brokerProperties: expected key=value, got '"
                        + property + "'");
            }
            spec = spec.withBrokerProperty(property.substring(0, eq).trim(), property.substring(eq + 1).trim());
        }
        for (String user : config.saslSslUsers()) {
            int eq = user.indexOf('=');
            if (eq <= 0) {
                // Not quoted: an entry without its user name may be a bare password.
                throw new IllegalArgumentException("each saslSslUsers entry must be user=password; got one "
                        + (eq < 0 ? "without '='" : "without a user name"));
            }
            // The password is taken as written: no trimming, it may end with a space.
            spec = spec.withSaslSslUser(user.substring(0, eq).trim(), user.substring(eq + 1));
        }
        return spec;
    }

    /** Closes the cluster when JUnit closes the class-level store. */
    private static final class ClusterResource implements ExtensionContext.Store.CloseableResource {
        private final KafkaCluster cluster;

        ClusterResource(KafkaCluster cluster) {
            this.cluster = cluster;
        }

        @Override
        public void close() {
            cluster.close();
        }
    }
}
