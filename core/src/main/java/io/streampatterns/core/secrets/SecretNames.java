package io.streampatterns.core.secrets;

/** The names a secret may have: letters, digits, '.', '_' and '-', so each provider can map them safely. */
final class SecretNames {
    private SecretNames() {
    }

    static String check(String name) {
        if (name == null || !name.matches("[A-Za-z0-9._-]+") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("secret name: expected letters, digits, '.', '_' or '-', got '"
                    + name + "'");
        }
        return name;
    }
}
