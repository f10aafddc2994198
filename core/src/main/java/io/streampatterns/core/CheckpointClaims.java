package io.streampatterns.core;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which running pipeline owns which checkpoint, in this JVM. Two queries on one checkpoint corrupt
 * each other's offsets; Spark notices only some of these cases, and late.
 */
final class CheckpointClaims {
    private static final Map<String, String> OWNER_BY_LOCATION = new ConcurrentHashMap<>();

    private CheckpointClaims() {
    }

    /** Claims {@code location} for {@code pipeline}; returns the current owner when another holds it. */
    static Optional<String> claim(String location, String pipeline) {
        String owner = OWNER_BY_LOCATION.putIfAbsent(normalize(location), pipeline);
        return owner == null ? Optional.empty() : Optional.of(owner);
    }

    static void release(String location, String pipeline) {
        OWNER_BY_LOCATION.remove(normalize(location), pipeline);
    }

    /** Local paths compare by their absolute form; URIs as given, less a trailing slash. */
    static String normalize(String location) {
        String trimmed = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
        if (trimmed.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:/.*") && !trimmed.startsWith("file:")) {
            return trimmed;
        }
        String local = trimmed.startsWith("file:") ? trimmed.replaceFirst("^file:(//)?", "") : trimmed;
        return Path.of(local).toAbsolutePath().normalize().toString();
    }
}
