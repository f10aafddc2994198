package io.streampatterns.jobs.run;

import io.streampatterns.core.StreamingPattern;
import io.streampatterns.core.kafka.SaslSslSecurity;
import io.streampatterns.core.secrets.SecretProvider;
import io.streampatterns.jobs.config.PipelineConfig;
import io.streampatterns.patterns.secured.SecuredKafkaPipeline;
import java.util.Arrays;
import java.util.Optional;

/**
 * Kafka → Kafka over SASL_SSL: the shared options, {@code eventSchema}, {@code outputTopic},
 * {@code loginCheck}, {@code loginTimeout}, and the login as {@code SaslSslSecurity} options:
 * {@code security.mechanism} (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512), {@code security.usernameSecret},
 * {@code security.passwordSecret}, {@code security.truststoreLocationSecret},
 * {@code security.truststorePasswordSecret}, each {@code ${secret:NAME}}, read from the job's secrets
 * when the query starts, and {@code security.truststoreType}.
 */
final class SecuredJob implements PatternJob {
    @Override
    public String pattern() {
        return "secured";
    }

    @Override
    public StreamingPattern build(PipelineConfig config, SecretProvider secrets) {
        SaslSslSecurity.Builder security = SaslSslSecurity.builder(secrets);
        config.get("security.mechanism").ifPresent(name -> security.mechanism(mechanism(config, name)));
        ConfiguredOptions.secretName(config, "security.usernameSecret").ifPresent(security::usernameSecret);
        ConfiguredOptions.secretName(config, "security.passwordSecret").ifPresent(security::passwordSecret);
        Optional<String> truststore = ConfiguredOptions.secretName(config, "security.truststoreLocationSecret");
        Optional<String> truststorePassword = ConfiguredOptions.secretName(config, "security.truststorePasswordSecret");
        if (truststore.isPresent() || truststorePassword.isPresent()) {
            security.truststore(truststore.orElse(null), truststorePassword.orElse(null));
        }
        config.get("security.truststoreType").ifPresent(security::truststoreType);

        SecuredKafkaPipeline.Builder builder = ConfiguredOptions.apply(config, SecuredKafkaPipeline.builder(), secrets)
                .eventSchema(ConfiguredOptions.eventSchema(config))
                .security(security.build());
        config.get("outputTopic").ifPresent(builder::outputTopic);
        config.bool("loginCheck").ifPresent(builder::loginCheck);
        config.duration("loginTimeout").ifPresent(builder::loginTimeout);
        return builder.build();
    }

    /** A mechanism by the name Kafka's {@code sasl.mechanism} gives it. */
    private static SaslSslSecurity.Mechanism mechanism(PipelineConfig config, String name) {
        return Arrays.stream(SaslSslSecurity.Mechanism.values()).filter(m -> m.kafkaName().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> config.invalid("security.mechanism", name, "PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512"));
    }
}
