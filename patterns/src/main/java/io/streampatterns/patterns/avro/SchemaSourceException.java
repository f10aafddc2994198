package io.streampatterns.patterns.avro;

/** A schema source could not be asked; the answer is not known, so nothing may be concluded from it. */
public final class SchemaSourceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SchemaSourceException(String message, Throwable cause) {
        super(message, cause);
    }

    public SchemaSourceException(String message) {
        super(message);
    }
}
