package io.streampatterns.core.secrets;

/**
 * A secret could not be read: the provider is not available in this process, its file is
 * readable by every user, or it cannot be read at all. The message names the secret and the
 * provider, never a value.
 */
public class SecretException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SecretException(String message) {
        super(message);
    }

    public SecretException(String message, Throwable cause) {
        super(message, cause);
    }
}
