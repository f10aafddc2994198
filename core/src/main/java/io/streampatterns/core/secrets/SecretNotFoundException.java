package io.streampatterns.core.secrets;

/** No provider holds a secret of that name. The message names the secret and where it was looked for. */
public class SecretNotFoundException extends SecretException {
    private static final long serialVersionUID = 1L;

    private final String secretName;

    public SecretNotFoundException(String secretName, String message) {
        super(message);
        this.secretName = secretName;
    }

    /** The name of the missing secret. */
    public String secretName() {
        return secretName;
    }
}
