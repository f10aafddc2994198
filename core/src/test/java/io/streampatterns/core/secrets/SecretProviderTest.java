package io.streampatterns.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The secret providers: where each looks, what it returns, and that no message ever quotes a value. */
class SecretProviderTest {
    /** Distinctive, so that finding it in a message can only mean a leak. */
    private static final String VALUE = "Zq8-unit-secret-value-7Hx";

    @TempDir
    Path dir;

    @AfterEach
    void forgetFakeSecrets() {
        FakeDatabricksRuntime.SECRETS.clear();
    }

    @Test
    void aSecretShowsItsNameAndOriginButNeverItsValue() {
        Secret secret = Secret.of("password", VALUE, "environment variable KAFKA_PASSWORD");

        assertThat(secret.reveal()).isEqualTo(VALUE);
        assertThat(secret.toString()).isEqualTo("Secret(password from environment variable KAFKA_PASSWORD)")
                .doesNotContain(VALUE);
        // Identity equality: a guess with the same value is not equal, and the hash says nothing of the value.
        assertThat(secret).isNotEqualTo(Secret.of("password", VALUE, "environment variable KAFKA_PASSWORD"));
        assertThat(secret).isEqualTo(secret);
    }

    @Test
    void environmentVariablesAreNamedFromPrefixAndSecretName() {
        SecretProvider env = SecretProvider.environment("KAFKA_", Map.of(
                "KAFKA_PASSWORD", VALUE, "KAFKA_TRUSTSTORE_LOCATION", "/etc/kafka/truststore.p12"));

        assertThat(env.get("password").reveal()).isEqualTo(VALUE);
        assertThat(env.get("password").origin()).isEqualTo("environment variable KAFKA_PASSWORD");
        assertThat(env.get("truststore.location").reveal()).isEqualTo("/etc/kafka/truststore.p12");
        assertThat(env.find("username")).isEmpty();
        assertThat(env.locationOf("truststore-password")).isEqualTo("environment variable KAFKA_TRUSTSTORE_PASSWORD");
    }

    @Test
    void aMissingSecretNamesTheSecretAndWhereItWasLookedFor() {
        SecretProvider env = SecretProvider.environment("KAFKA_", Map.of("KAFKA_PASSWORD", VALUE));

        SecretNotFoundException e = org.junit.jupiter.api.Assertions.assertThrows(SecretNotFoundException.class,
                () -> env.get("username"));

        assertThat(e.secretName()).isEqualTo("username");
        assertThat(e).hasMessage("secret 'username' not found: looked for environment variable KAFKA_USERNAME");
    }

    @Test
    void anEmptyEnvironmentVariableIsAnErrorNotASecret() {
        SecretProvider env = SecretProvider.environment("KAFKA_", Map.of("KAFKA_PASSWORD", ""));

        assertThatThrownBy(() -> env.get("password")).isInstanceOf(SecretException.class)
                .hasMessageContaining("secret 'password' in environment variable KAFKA_PASSWORD is empty");
    }

    @Test
    void secretNamesThatCouldEscapeTheirPlaceAreRefused() {
        SecretProvider folder = SecretProvider.directory(dir);

        assertThatThrownBy(() -> folder.find("../etc/passwd")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("secret name: expected letters, digits");
        assertThatThrownBy(() -> folder.find("..")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPropertiesFileIsReadAtEachLookup() throws Exception {
        Path file = privateFile("secrets.properties", "username=alice\npassword=" + VALUE + "\n");
        SecretProvider secrets = SecretProvider.propertiesFile(file);

        assertThat(secrets.get("username").reveal()).isEqualTo("alice");
        assertThat(secrets.get("password").reveal()).isEqualTo(VALUE);
        assertThat(secrets.find("token")).isEmpty();

        // Rotated on disk: the next lookup sees the new value.
        Files.writeString(file, "password=rotated\n", StandardCharsets.UTF_8);
        assertThat(secrets.get("password").reveal()).isEqualTo("rotated");
    }

    @Test
    void aWorldReadablePropertiesFileIsRefusedWithTheFix() throws Exception {
        Path file = privateFile("secrets.properties", "password=" + VALUE + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        Throwable thrown = catchThrowable(() -> SecretProvider.propertiesFile(file).get("password"));

        assertThat(thrown).isInstanceOf(SecretException.class)
                .hasMessageContaining("refusing to read secret 'password' from " + file.toAbsolutePath())
                .hasMessageContaining("every user of this machine may read it (permissions rw-r--r--)")
                .hasMessageContaining("chmod o-r " + file.toAbsolutePath());
        assertThat(thrown.getMessage()).doesNotContain(VALUE);
    }

    @Test
    void aMissingPropertiesFileIsNamed() {
        Path missing = dir.resolve("nope.properties");

        assertThatThrownBy(() -> SecretProvider.propertiesFile(missing).get("password"))
                .isInstanceOf(SecretException.class)
                .hasMessageContaining("secrets file " + missing.toAbsolutePath() + " does not exist");
    }

    @Test
    void aFolderHoldsOneFilePerSecretAndItsTrailingLineBreakIsDropped() throws Exception {
        privateFile("password", VALUE + "\n");
        privateFile("username", "alice\r\n");
        Path groupReadable = privateFile("truststore.password", "changeit");
        Files.setPosixFilePermissions(groupReadable, PosixFilePermissions.fromString("rw-r-----"));
        SecretProvider folder = SecretProvider.directory(dir);

        assertThat(folder.get("password").reveal()).isEqualTo(VALUE);
        assertThat(folder.get("username").reveal()).isEqualTo("alice");
        assertThat(folder.get("truststore.password").reveal()).isEqualTo("changeit");
        assertThat(folder.find("token")).isEmpty();
        assertThat(folder.locationOf("token")).isEqualTo("file " + dir.toAbsolutePath().resolve("token"));
    }

    @Test
    void aWorldReadableFileInAFolderIsRefused() throws Exception {
        Path file = privateFile("password", VALUE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));

        assertThatThrownBy(() -> SecretProvider.directory(dir).get("password"))
                .isInstanceOf(SecretException.class)
                .hasMessageContaining("every user of this machine may read it")
                .hasMessageNotContaining(VALUE);
    }

    @Test
    void databricksSecretsAreNotAvailableOffDatabricks() {
        SecretProvider databricks = SecretProvider.databricks("kafka");

        assertThat(databricks.isAvailable()).isFalse();
        assertThatThrownBy(() -> databricks.get("password")).isInstanceOf(SecretException.class)
                .hasMessageContaining("Databricks secrets are not available here")
                .hasMessageContaining("secret 'password' in scope 'kafka'")
                .hasMessageContaining(DatabricksSecretProvider.DBUTILS_HOLDER + " is not on the classpath");
    }

    @Test
    void databricksSecretsAreReadThroughDbutilsWhereTheRuntimeIsPresent() {
        FakeDatabricksRuntime.SECRETS.put("kafka/password", VALUE);
        SecretProvider databricks = new DatabricksSecretProvider("kafka", FakeDatabricksRuntime.class.getName());

        assertThat(databricks.isAvailable()).isTrue();
        assertThat(databricks.get("password").reveal()).isEqualTo(VALUE);
        assertThat(databricks.get("password").origin()).isEqualTo("Databricks secret scope kafka");
        // dbutils throws for a key that does not exist; the provider reports it as not found.
        assertThatThrownBy(() -> databricks.get("username")).isInstanceOf(SecretNotFoundException.class)
                .hasMessage("secret 'username' not found: looked for Databricks secret scope kafka, key username");
    }

    @Test
    void aChainSkipsUnavailableProvidersAndTakesTheFirstThatHoldsTheSecret() throws Exception {
        privateFile("password", "from-folder");
        SecretProvider chain = SecretProvider.firstOf(
                SecretProvider.databricks("kafka"),
                SecretProvider.environment("KAFKA_", Map.of("KAFKA_USERNAME", "alice", "KAFKA_PASSWORD", VALUE)),
                SecretProvider.directory(dir));

        assertThat(chain.get("password").reveal()).isEqualTo(VALUE);
        assertThat(chain.get("username").reveal()).isEqualTo("alice");
        assertThat(SecretProvider.firstOf(SecretProvider.directory(dir)).get("password").reveal())
                .isEqualTo("from-folder");
    }

    @Test
    void aChainThatFindsNothingListsEveryPlaceItLooked() {
        SecretProvider chain = SecretProvider.firstOf(
                SecretProvider.databricks("kafka"), SecretProvider.environment("KAFKA_", Map.of()));

        assertThatThrownBy(() -> chain.get("password")).isInstanceOf(SecretNotFoundException.class)
                .hasMessage("secret 'password' not found: looked for Databricks secret scope kafka, key password"
                        + " (not available here), then environment variable KAFKA_PASSWORD");
    }

    @Test
    void aChainStopsAtAProviderThatIsMisconfigured() throws Exception {
        Path file = privateFile("password", VALUE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        SecretProvider chain = SecretProvider.firstOf(SecretProvider.directory(dir),
                SecretProvider.environment("KAFKA_", Map.of("KAFKA_PASSWORD", "fallback")));

        // The world-readable file is reported, not passed over for the next provider.
        assertThatThrownBy(() -> chain.get("password")).isInstanceOf(SecretException.class)
                .hasMessageContaining("every user of this machine may read it");
    }

    private Path privateFile(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
