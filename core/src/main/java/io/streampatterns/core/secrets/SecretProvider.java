package io.streampatterns.core.secrets;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a pipeline's credentials come from, so that none is ever written in code or in a
 * notebook: environment variables, a file the deployment mounts, or Databricks secret scopes.
 *
 * <pre>{@code
 * SecretProvider secrets = SecretProvider.firstOf(
 *     SecretProvider.databricks("kafka"),            // on Databricks
 *     SecretProvider.directory(Path.of("/run/secrets/kafka")),  // a mounted volume
 *     SecretProvider.environment("KAFKA_"));         // KAFKA_USERNAME, KAFKA_PASSWORD
 * Secret password = secrets.get("password");
 * }</pre>
 *
 * <p>Secrets are looked up when they are needed, not when the provider is made: a provider can be
 * built where no secret exists yet (a unit test, a build machine), and a rotated file is read
 * anew. Every message a provider produces names the secret and where it looked, and never a value.
 */
public interface SecretProvider {

    /**
     * Looks a secret up.
     *
     * @param name the secret's name, e.g. {@code password}
     * @return the secret, or empty when this provider does not hold one of that name
     * @throws SecretException when the provider cannot be used (not available in this process, a
     *     file readable by every user, an empty value, an I/O error)
     */
    Optional<Secret> find(String name);

    /** Where this provider looks for {@code name}, for messages: e.g. {@code environment variable KAFKA_PASSWORD}. */
    String locationOf(String name);

    /**
     * Whether this provider can be used in this process at all. Only Databricks secrets can be
     * missing (outside a Databricks runtime); {@link #firstOf} skips providers that are not.
     */
    default boolean isAvailable() {
        return true;
    }

    /**
     * Looks a secret up and insists on it.
     *
     * @throws SecretNotFoundException naming the secret and where it was looked for
     * @throws SecretException when the provider cannot be used
     */
    default Secret get(String name) {
        return find(name).orElseThrow(() -> new SecretNotFoundException(name,
                "secret '" + name + "' not found: looked for " + locationOf(name)));
    }

    /**
     * Environment variables: the name upper-cased, every character other than a letter or digit
     * replaced by {@code _}, after {@code prefix}; with prefix {@code KAFKA_}, {@code password} is
     * {@code KAFKA_PASSWORD} and {@code truststore.password} is {@code KAFKA_TRUSTSTORE_PASSWORD}.
     */
    static SecretProvider environment(String prefix) {
        return new EnvironmentSecretProvider(prefix, System.getenv());
    }

    /**
     * Like {@link #environment(String)}, over a given map instead of the process's environment:
     * for tests, and for launchers that pass an environment of their own.
     */
    static SecretProvider environment(String prefix, Map<String, String> environment) {
        return new EnvironmentSecretProvider(prefix, environment);
    }

    /**
     * A Java properties file (UTF-8) holding {@code name=value} lines. It is read at each lookup,
     * and refused if every user may read it.
     */
    static SecretProvider propertiesFile(Path file) {
        return FileSecretProvider.propertiesFile(file);
    }

    /**
     * A folder holding one file per secret, named after it, as Kubernetes and Docker mount secrets;
     * one trailing line break is dropped. A file that every user may read is refused.
     */
    static SecretProvider directory(Path folder) {
        return FileSecretProvider.directory(folder);
    }

    /**
     * Databricks secrets of one scope ({@code dbutils.secrets.get(scope, name)}), where the Databricks
     * runtime is present; elsewhere every lookup fails with a message saying so.
     */
    static SecretProvider databricks(String scope) {
        return new DatabricksSecretProvider(scope);
    }

    /**
     * The first provider that holds the secret, in the given order. Providers that are not
     * available here (Databricks secrets off Databricks) are skipped, so one configuration runs on
     * Databricks and off it. A provider that fails (a world-readable file) stops the search: a
     * misconfigured source must be fixed, not silently passed over.
     */
    static SecretProvider firstOf(SecretProvider... providers) {
        return new ChainedSecretProvider(List.of(providers));
    }
}
