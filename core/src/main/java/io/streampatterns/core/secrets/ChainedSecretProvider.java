package io.streampatterns.core.secrets;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The first of several providers that holds a secret; see {@link SecretProvider#firstOf}. */
final class ChainedSecretProvider implements SecretProvider {
    private final List<SecretProvider> providers;

    ChainedSecretProvider(List<SecretProvider> providers) {
        if (providers.isEmpty()) {
            throw new IllegalArgumentException("firstOf: expected at least one secret provider, got none");
        }
        this.providers = List.copyOf(providers);
    }

    @Override
    public Optional<Secret> find(String name) {
        for (SecretProvider provider : providers) {
            if (!provider.isAvailable()) {
                continue;
            }
            Optional<Secret> secret = provider.find(name);
            if (secret.isPresent()) {
                return secret;
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean isAvailable() {
        return providers.stream().anyMatch(SecretProvider::isAvailable);
    }

    /** Every place looked at, in order, including those skipped because they are not available here. */
    @Override
    public String locationOf(String name) {
        return providers.stream().map(p -> p.locationOf(name)).collect(Collectors.joining(", then "));
    }

    @Override
    public String toString() {
        return "first of [" + providers.stream().map(Object::toString).collect(Collectors.joining(", ")) + "]";
    }
}
