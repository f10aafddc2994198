package io.streampatterns.patterns.secured;

import io.streampatterns.core.Capability;
import io.streampatterns.core.Pipeline;
import io.streampatterns.core.Sink.DeliveryGuarantee;
import io.streampatterns.core.StreamingPattern;
import io.streampatterns.core.TriggerPolicy;
import io.streampatterns.core.kafka.KafkaSink;
import io.streampatterns.core.kafka.KafkaSource;
import io.streampatterns.core.kafka.SaslSslSecurity;
import io.streampatterns.core.kafka.StartingOffsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.sql.types.StructType;

/**
 * Kafka → Kafka over SASL_SSL: JSON events are read from one topic and written to another, parsed
 * and passed through with their fields (including {@code seq}), by a source and a sink that both
 * log in with credentials from a {@link io.streampatterns.core.secrets.SecretProvider}.
 *
 * <pre>{@code
 * SaslSslSecurity security = SaslSslSecurity.builder(SecretProvider.firstOf(
 *         SecretProvider.databricks("kafka"), SecretProvider.environment("KAFKA_")))
 *     .mechanism(SaslSslSecurity.Mechanism.SCRAM_SHA_512)
 *     .truststore("truststore.location", "truststore.password")
 *     .build();
 * SecuredKafkaPipeline pipeline = SecuredKafkaPipeline.builder()
 *     .bootstrapServers("broker1:9093")
 *     .inputTopic("orders").outputTopic("orders_clean")
 *     .eventSchema(schema)
 *     .security(security)
 *     .checkpointLocation("/checkpoints/orders_clean")
 *     .build();
 * try (RunningPipeline running = pipeline.pipeline().start(spark)) { ... }
 * }</pre>
 *
 * <p>Why each decision:
 * <ul>
 *   <li><b>Credentials only from a secret provider.</b> The builder takes a {@link SaslSslSecurity},
 *       which holds the names of secrets, not their values; the values are read when the query
 *       starts and go straight into the Kafka clients' {@code sasl.jaas.config}. Nothing the
 *       pipeline prints (its toString, its plan, its progress) can then hold them.</li>
 *   <li><b>A login before the start</b> ({@link KafkaLoginCheck}, on by default). Spark 4.2 reports a
 *       wrong password only on the query's own thread, seconds after {@code start()} returned; the
 *       check makes {@code start()} throw {@link KafkaAuthenticationException} naming the user and
 *       the listener, and starts nothing.</li>
 *   <li><b>Hostname verification kept.</b> Kafka checks that the broker's certificate names the host
 *       it connected to; with PLAIN the password itself crosses the wire, so a client that would
 *       talk to any certificate would hand it to whoever answers.</li>
 *   <li><b>startingOffsets = earliest, maxOffsetsPerTrigger = 50,000, trigger 30 s.</b> As for the
 *       other micro-batch patterns: a first run misses nothing, a backlog drains in bounded batches,
 *       and the trigger suits an SLA of 90 s (set {@code sla(...)} to derive it).</li>
 *   <li><b>At least once.</b> The Kafka sink writes again what followed the last committed batch
 *       after a crash; consumers that must not see a duplicate deduplicate on the event id or
 *       {@code seq}.</li>
 * </ul>
 */
public final class SecuredKafkaPipeline implements StreamingPattern {
    public static final long DEFAULT_MAX_OFFSETS_PER_TRIGGER = 50_000;
    public static final Duration DEFAULT_TRIGGER = Duration.ofSeconds(30);
    /** How long the login before the start may take; a refused login is answered in one round trip. */
    public static final Duration DEFAULT_LOGIN_TIMEOUT = Duration.ofSeconds(15);

    private final Pipeline pipeline;
    private final SaslSslSecurity security;

    private SecuredKafkaPipeline(Pipeline pipeline, SaslSslSecurity security) {
        this.pipeline = pipeline;
        this.security = security;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Pipeline pipeline() {
        return pipeline;
    }

    /** The credentials both ends use (names of secrets and their provider; no values). */
    public SaslSslSecurity security() {
        return security;
    }

    @Override
    public DeliveryGuarantee deliveryGuarantee() {
        return DeliveryGuarantee.AT_LEAST_ONCE;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.TRACEABLE_RECORDS, Capability.CHECKPOINT_RESTART, Capability.CAPPED_BATCHES,
                Capability.SLA_TRIGGER);
    }

    /** Options of a secured Kafka → Kafka pipeline; {@link #build()} checks them all. */
    public static final class Builder {
        private final KafkaSource.Builder source = KafkaSource.builder()
                .startingOffsets(StartingOffsets.earliest())
                .maxOffsetsPerTrigger(DEFAULT_MAX_OFFSETS_PER_TRIGGER);
        private final KafkaSink.Builder sink = KafkaSink.builder();
        private String name;
        private String bootstrapServers;
        private String inputTopic;
        private String outputTopic;
        private StructType eventSchema;
        private SaslSslSecurity security;
        private TriggerPolicy trigger = TriggerPolicy.processingTime(DEFAULT_TRIGGER);
        private String checkpointLocation;
        private boolean loginCheck = true;
        private Duration loginTimeout = DEFAULT_LOGIN_TIMEOUT;

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** The SASL_SSL listener of the brokers that hold both topics. */
        public Builder bootstrapServers(String servers) {
            this.bootstrapServers = servers;
            source.bootstrapServers(servers);
            sink.bootstrapServers(servers);
            return this;
        }

        public Builder inputTopic(String topic) {
            this.inputTopic = topic;
            source.subscribe(topic);
            return this;
        }

        public Builder outputTopic(String topic) {
            this.outputTopic = topic;
            sink.topic(topic);
            return this;
        }

        /** The JSON events' schema: the fields written to the output topic. */
        public Builder eventSchema(StructType schema) {
            this.eventSchema = schema;
            return this;
        }

        /** The SASL_SSL credentials of source and sink, read from a secret provider when the query starts. */
        public Builder security(SaslSslSecurity security) {
            this.security = security;
            return this;
        }

        public Builder checkpointLocation(String location) {
            this.checkpointLocation = location;
            return this;
        }

        public Builder trigger(TriggerPolicy trigger) {
            this.trigger = trigger;
            return this;
        }

        /** Derives the trigger from the business SLA: a third of it. */
        public Builder sla(Duration sla) {
            this.trigger = TriggerPolicy.forSla(sla);
            return this;
        }

        public Builder maxOffsetsPerTrigger(long max) {
            source.maxOffsetsPerTrigger(max);
            return this;
        }

        public Builder startingOffsets(StartingOffsets offsets) {
            source.startingOffsets(offsets);
            return this;
        }

        /**
         * Whether to log in once before the query starts (default true), so wrong credentials fail
         * {@code start()} instead of the running query; see {@link KafkaLoginCheck}.
         */
        public Builder loginCheck(boolean check) {
            this.loginCheck = check;
            return this;
        }

        /** How long the login before the start may take (default 15 s). */
        public Builder loginTimeout(Duration timeout) {
            this.loginTimeout = timeout;
            return this;
        }

        /** @throws io.streampatterns.core.InvalidPipelineException listing every problem */
        public SecuredKafkaPipeline build() {
            if (security != null) {
                source.security(security);
                sink.security(security);
            }
            Pipeline.Builder pipeline = Pipeline.builder(name != null ? name : "secured_" + inputTopic)
                    .require(security != null, "security: expected SASL_SSL credentials from a secret provider"
                            + " (SaslSslSecurity.builder(secrets)...build()), got none; a secured pipeline never"
                            + " takes a password from code")
                    .require(eventSchema != null, "eventSchema: expected the events' StructType, got none")
                    .require(inputTopic == null || !inputTopic.equals(outputTopic),
                            "outputTopic: expected a topic other than the input topic '" + inputTopic
                                    + "', or every record would be read again forever")
                    .require(loginTimeout != null && !loginTimeout.isNegative() && !loginTimeout.isZero(),
                            "loginTimeout: expected a positive duration, got " + loginTimeout)
                    .source(source.build())
                    .sink(sink.build())
                    .trigger(trigger)
                    .checkpointLocation(checkpointLocation);
            if (security != null) {
                security.problems().forEach(problem -> pipeline.require(false, problem));
            }
            if (eventSchema != null) {
                pipeline.transform(new JsonPassThrough(eventSchema));
            }
            if (loginCheck && security != null && bootstrapServers != null) {
                pipeline.startCheck(new KafkaLoginCheck(bootstrapServers, security,
                        Objects.requireNonNullElse(loginTimeout, DEFAULT_LOGIN_TIMEOUT)));
            }
            return new SecuredKafkaPipeline(pipeline.build(), security);
        }
    }
}
