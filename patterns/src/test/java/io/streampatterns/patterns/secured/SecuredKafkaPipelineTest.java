package io.streampatterns.patterns.secured;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streampatterns.core.Capability;
import io.streampatterns.core.InvalidPipelineException;
import io.streampatterns.core.Sink.DeliveryGuarantee;
import io.streampatterns.core.kafka.KafkaSecurity;
import io.streampatterns.core.kafka.KafkaSink;
import io.streampatterns.core.kafka.KafkaSource;
import io.streampatterns.core.kafka.SaslSslSecurity;
import io.streampatterns.core.secrets.Secret;
import io.streampatterns.core.secrets.SecretProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class SecuredKafkaPipelineTest {
    private static final StructType SCHEMA = new StructType().add("event_id", DataTypes.StringType)
            .add("seq", DataTypes.LongType);
    private static final String PASSWORD = "Zq8-pattern-unit-password-7Hx";
    private static final SecretProvider SECRETS = SecretProvider.environment("KAFKA_",
            Map.of("KAFKA_USERNAME", "alice", "KAFKA_PASSWORD", PASSWORD));

    private static SecuredKafkaPipeline.Builder valid(SaslSslSecurity security) {
        return SecuredKafkaPipeline.builder()
                .bootstrapServers("127.0.0.1:9093")
                .topic("orders").outputTopic("orders_clean")
                .eventSchema(SCHEMA)
                .security(security)
                .checkpointLocation("/tmp/checkpoints/orders_clean");
    }

    /** The documented defaults: earliest, 50,000 a batch, 30 s, at least once, a login before the start. */
    @Test
    void defaultsAreTheDocumentedOnes() {
        SecuredKafkaPipeline secured = valid(SaslSslSecurity.builder(SECRETS).build()).build();

        assertThat(secured.pipeline().name()).isEqualTo("secured_orders");
        assertThat(secured.pipeline().trigger().interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(secured.deliveryGuarantee()).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
        assertThat(secured.capabilities()).containsExactlyInAnyOrder(Capability.TRACEABLE_RECORDS,
                Capability.CHECKPOINT_RESTART, Capability.CAPPED_BATCHES, Capability.SLA_TRIGGER);
        assertThat(secured.pipeline().startChecks()).singleElement().isInstanceOfSatisfying(KafkaLoginCheck.class,
                check -> assertThat(check.timeout()).isEqualTo(SecuredKafkaPipeline.DEFAULT_LOGIN_TIMEOUT));
        KafkaSource source = (KafkaSource) secured.pipeline().source();
        assertThat(source.sparkOptions()).containsEntry("startingOffsets", "earliest")
                .containsEntry("maxOffsetsPerTrigger", "50000");
    }

    /** Source and sink both log in over SASL_SSL with the provider's credentials. */
    @Test
    void sourceAndSinkBothUseTheSecuredSettings() {
        SecuredKafkaPipeline secured = valid(SaslSslSecurity.builder(SECRETS)
                .mechanism(SaslSslSecurity.Mechanism.SCRAM_SHA_512).build()).build();

        for (Map<String, String> options : List.of(((KafkaSource) secured.pipeline().source()).sparkOptions(),
                ((KafkaSink) secured.pipeline().sink()).sparkOptions())) {
            assertThat(options).containsEntry("kafka.bootstrap.servers", "127.0.0.1:9093")
                    .containsEntry("kafka.security.protocol", "SASL_SSL")
                    .containsEntry("kafka.sasl.mechanism", "SCRAM-SHA-512");
            assertThat(options.get("kafka.sasl.jaas.config")).contains("username=\"alice\"");
        }
    }

    /** Building looks no secret up, and nothing the pipeline prints holds one. */
    @Test
    void buildingReadsNoSecretAndPrintsNone() {
        List<String> lookups = new ArrayList<>();
        SecretProvider counting = new SecretProvider() {
            @Override
            public Optional<Secret> find(String name) {
                lookups.add(name);
                return SECRETS.find(name);
            }

            @Override
            public String locationOf(String name) {
                return SECRETS.locationOf(name);
            }
        };

        SecuredKafkaPipeline secured = valid(SaslSslSecurity.builder(counting).build()).build();

        assertThat(lookups).isEmpty();
        assertThat(List.of(secured.pipeline().toString(), secured.security().toString(),
                secured.pipeline().startChecks().get(0).toString()))
                .allSatisfy(text -> assertThat(text).doesNotContain(PASSWORD).doesNotContain("alice"));
    }

    /** Without credentials the pipeline is refused, with why, together with every other problem. */
    @Test
    void everyProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> SecuredKafkaPipeline.builder().bootstrapServers("127.0.0.1:9093")
                        .topic("orders").outputTopic("orders").loginTimeout(Duration.ZERO).build())
                .isInstanceOfSatisfying(InvalidPipelineException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).startsWith("security: expected SASL_SSL credentials from a"
                                + " secret provider").contains("never takes a password from code"))
                        .anySatisfy(p -> assertThat(p).startsWith("eventSchema: expected"))
                        .anySatisfy(p -> assertThat(p).startsWith("outputTopic: expected a topic other than"))
                        .anySatisfy(p -> assertThat(p).startsWith("loginTimeout: expected a positive duration"))
                        .anySatisfy(p -> assertThat(p).startsWith("checkpointLocation: expected")));
    }

    /** The security's own problems are the pipeline's problems. */
    @Test
    void problemsOfTheSecurityAreReported() {
        assertThatThrownBy(() -> valid(SaslSslSecurity.builder(SECRETS).passwordSecret("").build()).build())
                .isInstanceOfSatisfying(InvalidPipelineException.class, e -> assertThat(e.problems())
                        .containsExactly("security.passwordSecret: expected the name of a secret, got nothing"));
    }

    @Test
    void theLoginCheckCanBeTurnedOff() {
        assertThat(valid(SaslSslSecurity.builder(SECRETS).build()).loginCheck(false).build()
                .pipeline().startChecks()).isEmpty();
    }

    @Test
    void anSlaDerivesTheTrigger() {
        assertThat(valid(SaslSslSecurity.builder(SECRETS).build()).sla(Duration.ofMinutes(3)).build()
                .pipeline().trigger()).hasToString("processingTime(1m) for SLA 3m");
    }

    /** Whatever a broker or library writes, the secrets are replaced before a message is built. */
    @Test
    void messagesAreScrubbedOfEverySecret() {
        assertThat(KafkaLoginCheck.scrub("bad password " + PASSWORD + " and ts-pw", List.of(PASSWORD, "ts-pw")))
                .isEqualTo("bad password *** and ***");
    }

    /** Credentials come only from SaslSslSecurity: another KafkaSecurity is refused, naming its type. */
    @Test
    void aSecurityOtherThanSaslSslIsRefused() {
        KafkaSecurity fromCode = () -> Map.of("security.protocol", "SASL_SSL");

        assertThatThrownBy(() -> valid(null).security(fromCode).build())
                .isInstanceOfSatisfying(InvalidPipelineException.class, e -> assertThat(e.problems())
                        .singleElement().asString()
                        .startsWith("security: expected SASL_SSL credentials from a secret provider")
                        .contains("got a " + fromCode.getClass().getName()));
    }

    /** A client property that security does not set goes to the source and the sink; one it sets is refused. */
    @Test
    void kafkaOptionsAddToTheSecuredSettingsButDoNotReplaceThem() {
        SecuredKafkaPipeline secured = valid(SaslSslSecurity.builder(SECRETS).build())
                .kafkaOption("request.timeout.ms", "20000").build();
        assertThat(((KafkaSource) secured.pipeline().source()).sparkOptions())
                .containsEntry("kafka.request.timeout.ms", "20000").containsEntry("kafka.security.protocol", "SASL_SSL");
        assertThat(((KafkaSink) secured.pipeline().sink()).sparkOptions())
                .containsEntry("kafka.request.timeout.ms", "20000").containsEntry("kafka.security.protocol", "SASL_SSL");

        assertThatThrownBy(() -> valid(SaslSslSecurity.builder(SECRETS).build())
                        .kafkaOption("ssl.endpoint.identification.algorithm", "").build())
                .isInstanceOfSatisfying(InvalidPipelineException.class, e -> assertThat(e.problems())
                        .singleElement().asString()
                        .startsWith("kafkaOption ssl.endpoint.identification.algorithm: security(...) sets this property"));
    }
}
