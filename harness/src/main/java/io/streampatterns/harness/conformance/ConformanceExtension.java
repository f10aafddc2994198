package io.streampatterns.harness.conformance;

import io.streampatterns.harness.data.EventGenerator;
import io.streampatterns.harness.delta.DeltaWorkspace;
import io.streampatterns.harness.junit.KafkaClusterConfig;
import io.streampatterns.harness.junit.KafkaClusterExtension;
import io.streampatterns.harness.kafka.ExternalKafka;
import io.streampatterns.harness.kafka.KafkaCluster;
import io.streampatterns.harness.kafka.KafkaEndpoint;
import io.streampatterns.harness.kafka.SaslSslListener;
import io.streampatterns.harness.settings.EnvironmentSettings;
import io.streampatterns.harness.spark.LocalSpark;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Gives each test class of {@link PipelineConformanceSuite} a {@link ConformanceEnvironment}: a
 * Kafka, the JVM's SparkSession, a Delta workspace of its own and the event generator.
 *
 * <p>Kafka, in order: the class's own cluster when it carries {@link KafkaClusterConfig} (its
 * SASL_SSL listener, when the annotation names users, so every client of the run authenticates);
 * else the one chosen by the environment ({@code KAFKA_BOOTSTRAP_SERVERS} and
 * {@code KAFKA_CLIENT_PROPERTIES}, or {@code KAFKA_BACKEND}; see {@link KafkaBackend}), started once
 * and shared by every class of the test run, since brokers take seconds to start.
 * {@code CONFORMANCE_SEED} seeds the event generator (default 42).
 */
public final class ConformanceExtension implements ParameterResolver {
    /** The report entry naming the Kafka a class ran against, for report writers. */
    public static final String KAFKA_ENTRY = "conformance.kafka";

    private static final Namespace NAMESPACE = Namespace.create(ConformanceExtension.class);
    private static final AtomicInteger CLASSES = new AtomicInteger();
    private static final String RUN_ID = "cf" + Long.toString(System.currentTimeMillis() / 1000, 36);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ConformanceEnvironment.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext classContext = classContext(context);
        return classContext.getStore(NAMESPACE)
                .getOrComputeIfAbsent("environment", key -> newEnvironment(classContext), ClassEnvironment.class).env;
    }

    private static ClassEnvironment newEnvironment(ExtensionContext classContext) {
        Map<String, String> variables = System.getenv();
        long seed = new EnvironmentSettings(variables).wholeNumber("CONFORMANCE_SEED", 42);
        DeltaWorkspace workspace = DeltaWorkspace.create();
        KafkaChoice kafka = kafka(classContext, variables);
        classContext.publishReportEntry(KAFKA_ENTRY, kafka.description);
        ConformanceEnvironment env = new ConformanceEnvironment(kafka.endpoint, LocalSpark.session(), workspace,
                new EventGenerator(seed), RUN_ID + "c" + CLASSES.incrementAndGet());
        return new ClassEnvironment(env, workspace, kafka.ownedByClass);
    }

    private static KafkaChoice kafka(ExtensionContext classContext, Map<String, String> variables) {
        boolean ownCluster = classContext.getTestClass()
                .flatMap(type -> AnnotationSupport.findAnnotation(type, KafkaClusterConfig.class)).isPresent();
        if (ownCluster) {
            KafkaCluster cluster = KafkaClusterExtension.clusterOf(classContext);
            if (cluster.spec().saslSslUsers().isEmpty()) {
                return new KafkaChoice(cluster, "embedded: the class's " + cluster, null);
            }
            SaslSslListener listener = cluster.saslSslListener();
            String user = listener.users().iterator().next();
            ExternalKafka secured = new ExternalKafka(listener.bootstrapServers(),
                    listener.clientProperties(user, SaslSslListener.MECHANISMS.get(0)));
            return new KafkaChoice(secured, "embedded SASL_SSL listener at " + listener.bootstrapServers() + " as " + user,
                    secured);
        }
        KafkaBackend shared = classContext.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("kafka", key -> new SharedKafka(KafkaBackend.fromEnvironment(variables)),
                        SharedKafka.class).backend;
        return new KafkaChoice(shared.endpoint(), shared.description(), null);
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }

    private record KafkaChoice(KafkaEndpoint endpoint, String description, AutoCloseable ownedByClass) {
    }

    /** A class's environment; its workspace (and a client of its own cluster) close with the class. */
    private record ClassEnvironment(ConformanceEnvironment env, DeltaWorkspace workspace, AutoCloseable owned)
            implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws Throwable {
            env.stopActiveQueries();
            if (owned != null) {
                owned.close();
            }
            workspace.close();
        }
    }

    /** The Kafka every class without a cluster of its own shares; closed when the whole test run ends. */
    private record SharedKafka(KafkaBackend backend) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws Exception {
            backend.close();
        }
    }
}
