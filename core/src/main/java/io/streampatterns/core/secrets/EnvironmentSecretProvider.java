package io.streampatterns.core.secrets;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Secrets in environment variables; see {@link SecretProvider#environment(String)}. */
final class EnvironmentSecretProvider implements SecretProvider {
    private final String prefix;
    private final Map<String, String> environment;

    EnvironmentSecretProvider(String prefix, Map<String, String> environment) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    }

    /** The variable that holds {@code name}. */
    String variable(String name) {
        SecretNames.check(name);
        return prefix + name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    @Override
    public Optional<Secret> find(String name) {
        String variable = variable(name);
        String value = environment.get(variable);
        if (value == null) {
            return Optional.empty();
        }
        if (value.isEmpty()) {
            throw new SecretException("secret '" + name + "' in environment variable " + variable
                    + " is empty; set it to the secret or unset it");
        }
        return Optional.of(Secret.of(name, value, "environment variable " + variable));
    }

    @Override
    public String locationOf(String name) {
        return "environment variable " + variable(name);
    }

    @Override
    public String toString() {
        return "environment variables " + prefix + "*";
    }
}
