package io.streampatterns.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streampatterns.core.secrets.Secret;
import io.streampatterns.core.secrets.SecretException;
import io.streampatterns.core.secrets.SecretNotFoundException;
import io.streampatterns.core.secrets.SecretProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.junit.jupiter.api.Test;

/** SASL_SSL client properties built from secrets, and kept out of every string a user might print. */
class SaslSslSecurityTest {
    private static final String PASSWORD = "Zq8-unit-kafka-password-7Hx";

    private static final SecretProvider SECRETS = SecretProvider.environment("KAFKA_", Map.of(
            "KAFKA_USERNAME", "alice",
            "KAFKA_PASSWORD", PASSWORD,
            "KAFKA_TRUSTSTORE_LOCATION", "/etc/kafka/truststore.p12",
            "KAFKA_TRUSTSTORE_PASSWORD", "Zq8-unit-truststore-password"));

    @Test
    void plainOverTlsWithATruststore() {
        SaslSslSecurity security = SaslSslSecurity.builder(SECRETS)
                .truststore("truststore.location", "truststore.password").build();

        assertThat(security.problems()).isEmpty();
        assertThat(security.clientProperties()).containsExactly(
                Map.entry("security.protocol", "SASL_SSL"),
                Map.entry("sasl.mechanism", "PLAIN"),
                Map.entry("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required"
                        + " username=\"alice\" password=\"" + PASSWORD + "\";"),
                Map.entry("ssl.truststore.location", "/etc/kafka/truststore.p12"),
                Map.entry("ssl.truststore.password", "Zq8-unit-truststore-password"),
                Map.entry("ssl.truststore.type", "PKCS12"));
    }

    @Test
    void scramWithoutATruststoreUsesTheJvmDefaults() {
        Map<String, String> properties = SaslSslSecurity.builder(SECRETS)
                .mechanism(SaslSslSecurity.Mechanism.SCRAM_SHA_512).build().clientProperties();

        assertThat(properties).containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .doesNotContainKeys("ssl.truststore.location", "ssl.truststore.password");
        assertThat(properties.get("sasl.jaas.config"))
                .startsWith("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"alice\"");
    }

    @Test
    void quotesAndBackslashesReachKafkaUnchanged() {
        String awkward = "a\"b\\c d;e=f\\\"";
        SecretProvider secrets = SecretProvider.environment("", Map.of("USERNAME", "bob\"", "PASSWORD", awkward));

        String jaas = SaslSslSecurity.builder(secrets).build().clientProperties().get("sasl.jaas.config");

        // Parsed by Kafka's own JAAS parser, the options are the original values.
        List<AppConfigurationEntry> entries = JaasContext.loadClientContext(
                Map.of("sasl.jaas.config", new Password(jaas))).configurationEntries();
        assertThat(entries).hasSize(1);
        Map<String, ?> options = entries.get(0).getOptions();
        assertThat(options.get("username")).isEqualTo("bob\"");
        assertThat(options.get("password")).isEqualTo(awkward);
    }

    @Test
    void aLineBreakIsRefusedNamingTheSecretNotItsValue() {
        SecretProvider secrets = SecretProvider.environment("", Map.of("USERNAME", "alice", "PASSWORD", PASSWORD + "\n"));

        assertThatThrownBy(() -> SaslSslSecurity.builder(secrets).build().clientProperties())
                .isInstanceOf(SecretException.class)
                .hasMessageContaining("secret 'password' from environment variable PASSWORD holds a line break")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void secretsAreLookedUpOnlyWhenThePropertiesAreAskedFor() {
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

        SaslSslSecurity security = SaslSslSecurity.builder(counting).build();
        KafkaSource source = KafkaSource.builder().bootstrapServers("h:1").subscribe("t").security(security).build();
        assertThat(source.validate()).isEmpty();
        assertThat(security.toString()).isNotEmpty();
        assertThat(lookups).isEmpty();

        assertThat(source.sparkOptions()).containsEntry("kafka.security.protocol", "SASL_SSL")
                .containsEntry("kafka.sasl.mechanism", "PLAIN")
                .containsKey("kafka.sasl.jaas.config");
        assertThat(lookups).containsExactly("username", "password");
    }

    @Test
    void aMissingSecretFailsWhenThePropertiesAreAskedFor() {
        SaslSslSecurity security = SaslSslSecurity.builder(SecretProvider.environment("KAFKA_", Map.of())).build();

        assertThatThrownBy(security::clientProperties).isInstanceOf(SecretNotFoundException.class)
                .hasMessage("secret 'username' not found: looked for environment variable KAFKA_USERNAME");
    }

    @Test
    void toStringNamesSecretsButNoValue() {
        SaslSslSecurity security = SaslSslSecurity.builder(SECRETS).mechanism(SaslSslSecurity.Mechanism.SCRAM_SHA_256)
                .truststore("truststore.location", "truststore.password").build();

        assertThat(security.toString()).isEqualTo("SaslSslSecurity(SCRAM-SHA-256, username 'username' and password"
                + " 'password', truststore 'truststore.location' (PKCS12) with password 'truststore.password'"
                + " from environment variables KAFKA_*)");
        assertThat(security.toString()).doesNotContain(PASSWORD, "alice");
    }

    @Test
    void everyProblemIsNamed() {
        SaslSslSecurity security = SaslSslSecurity.builder(null).mechanism(null).usernameSecret("")
                .passwordSecret("pass word").truststore("truststore.location", null).truststoreType("P12").build();

        assertThat(security.problems()).containsExactly(
                "security.secrets: expected a SecretProvider to read the credentials from, got none",
                "security.mechanism: expected PLAIN, SCRAM_SHA_256 or SCRAM_SHA_512, got none",
                "security.usernameSecret: expected the name of a secret, got nothing",
                "security.passwordSecret: expected a secret name of letters, digits, '.', '_' or '-', got 'pass word'",
                "security.truststore password secret: expected the name of a secret, got nothing",
                "security.truststoreType: expected PKCS12, JKS or PEM, got 'P12'");
        assertThatThrownBy(security::clientProperties).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("SASL_SSL security is not valid: security.secrets");
    }
}
