package io.streampatterns.jobs.config;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A value that names a secret instead of holding it: {@code ${secret:NAME}}, resolved at run time
 * through the job's secret provider ({@code io.streampatterns.core.secrets}).
 */
public final class SecretReference {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{secret:[^}\\s]+}");
    private static final String[] SENSITIVE = {"password", "secret", "jaas", "token", "credential", "apikey", "api.key"};

    private SecretReference() {
    }

    public static boolean is(String value) {
        return REFERENCE.matcher(value.strip()).matches();
    }

    /** The secret's name in a reference: {@code kafka-jaas} of {@code ${secret:kafka-jaas}}. */
    public static String name(String reference) {
        String stripped = reference.strip();
        return stripped.substring("${secret:".length(), stripped.length() - 1);
    }

    /** Whether a key's value is a secret by its name: a password, a JAAS login, a token, a key. */
    public static boolean sensitive(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        for (String word : SENSITIVE) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
