package io.streampatterns.core.secrets;

import java.util.Objects;

/**
 * A secret value (a password, an API key) with the name it was looked up by and where it came
 * from. Only {@link #reveal()} returns the value; everything else that could end up in a log line,
 * an exception message or a debugger's summary shows the name and the origin alone.
 *
 * <p>Why {@code equals} is identity: a value-based {@code equals} would let any code holding a
 * secret test guesses against it ({@code secret.equals(Secret.of("x", "hunter2", "guess"))}), and a
 * value-based {@code hashCode} leaks a few bits of the value into every hash table. Two lookups of
 * the same secret are therefore not equal; compare names if that is what is meant.
 *
 * <p>Not {@link java.io.Serializable} on purpose: a secret should not travel inside a task closure
 * or a checkpoint by accident. Code that must hand the value to a library (a JAAS string, a
 * truststore password) calls {@link #reveal()} at the last moment, where it is needed.
 */
public final class Secret {
    private final String name;
    private final String value;
    private final String origin;

    private Secret(String name, String value, String origin) {
        this.name = name;
        this.value = value;
        this.origin = origin;
    }

    /**
     * @param name the name it was looked up by, e.g. {@code password}
     * @param value the secret value itself
     * @param origin where it came from, for messages, e.g. {@code environment variable KAFKA_PASSWORD}
     */
    public static Secret of(String name, String value, String origin) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, () -> "value of secret '" + name + "'");
        Objects.requireNonNull(origin, "origin");
        return new Secret(name, value, origin);
    }

    /** The name the secret was looked up by. */
    public String name() {
        return name;
    }

    /** Where the secret came from, for messages; never the value. */
    public String origin() {
        return origin;
    }

    /** The value. Call it where the value is handed over, and keep the result out of logs and messages. */
    public String reveal() {
        return value;
    }

    /** Names the secret and its origin; never the value, nor its length. */
    @Override
    public String toString() {
        return "Secret(" + name + " from " + origin + ")";
    }
}
