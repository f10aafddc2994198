package io.streampatterns.patterns.secured;

import io.streampatterns.core.Capability;
import io.streampatterns.core.Pipeline;
import io.streampatterns.core.Sink.DeliveryGuarantee;
import io.streampatterns.core.TriggerPolicy;
import io.streampatterns.core.kafka.SaslSslSecurity;
import io.streampatterns.patterns.BuiltPattern;
import io.streampatterns.patterns.InputTopicAlias;
import io.streampatterns.patterns.JsonPatternBuilder;
import io.streampatterns.patterns.PatternBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

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
 *     .topic("orders").outputTopic("orders_clean")
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
public final class SecuredKafkaPipeline extends BuiltPattern {
    public static final long DEFAULT_MAX_OFFSETS_PER_TRIGGER = PatternBuilder.DEFAULT_MAX_OFFSETS_PER_TRIGGER;
    public static final Duration DEFAULT_TRIGGER = Duration.ofSeconds(30);
    /** How long the login before the start may take; a refused login is answered in one round trip. */
    public static final Duration DEFAULT_LOGIN_TIMEOUT = Duration.ofSeconds(15);

    private final SaslSslSecurity security;

    private SecuredKafkaPipeline(Pipeline pipeline, SaslSslSecurity security) {
        super(pipeline, Capability.TRACEABLE_RECORDS, Capability.CHECKPOINT_RESTART);
        this.security = security;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The credentials both ends use (names of secrets and their provider; no values). */
    public SaslSslSecurity security() {
        return security;
    }

    @Override
    public DeliveryGuarantee deliveryGuarantee() {
        return DeliveryGuarantee.AT_LEAST_ONCE;
    }

    /**
     * Options of a secured Kafka → Kafka pipeline, beyond the shared ones of {@link JsonPatternBuilder};
     * {@link #build()} checks them all; the event schema's fields are those written to the output topic. {@code security(...)} is required and must be a
     * {@link SaslSslSecurity}: it sets {@code security.protocol}, {@code sasl.*} and the truststore
     * for the source and the sink, and a {@code kafkaOption} for one of those is refused; any other
     * client property may be given as a {@code kafkaOption}. The trigger is a micro-batch one:
     * processingTime (default 30 s) or availableNow.
     */
    public static final class Builder extends JsonPatternBuilder<Builder> implements InputTopicAlias<Builder> {
        private String outputTopic;
        private boolean loginCheck = true;
        private Duration loginTimeout = DEFAULT_LOGIN_TIMEOUT;

        private Builder() {
            super(TriggerPolicy.processingTime(DEFAULT_TRIGGER));
        }

        public Builder outputTopic(String topic) {
            this.outputTopic = topic;
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

        @Override
        public SecuredKafkaPipeline build() {
            SaslSslSecurity sasl = security() instanceof SaslSslSecurity given ? given : null;
            Pipeline.Builder pipeline = pipeline("secured_")
                    .require(sasl != null, "security: expected SASL_SSL credentials from a secret provider"
                            + " (SaslSslSecurity.builder(secrets)...build()), got " + (security() == null ? "none"
                                    : "a " + security().getClass().getName()) + "; a secured pipeline never takes a"
                            + " password from code")
                    .require(loginTimeout != null && !loginTimeout.isNegative() && !loginTimeout.isZero(),
                            "loginTimeout: expected a positive duration, got " + loginTimeout)
                    .source(kafkaSource().build())
                    .sink(kafkaSink().topic(outputTopic).build());
            requireOutputTopic(pipeline, outputTopic, "every record would be read again forever");
            requireMicroBatches(pipeline, "this pattern runs micro-batches");
            List<String> schemaProblems = parsedSchemaProblems();
            schemaProblems.forEach(problem -> pipeline.require(false, problem));
            if (sasl != null) {
                sasl.problems().forEach(problem -> pipeline.require(false, problem));
            }
            if (schemaProblems.isEmpty()) {
                pipeline.transform(new JsonPassThrough(eventSchema()));
            }
            if (loginCheck && sasl != null && bootstrapServers() != null) {
                pipeline.startCheck(new KafkaLoginCheck(bootstrapServers(), sasl,
                        Objects.requireNonNullElse(loginTimeout, DEFAULT_LOGIN_TIMEOUT)));
            }
            return new SecuredKafkaPipeline(pipeline.build(), sasl);
        }
    }
}
