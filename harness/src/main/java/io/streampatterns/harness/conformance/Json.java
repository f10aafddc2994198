package io.streampatterns.harness.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Reading JSON values the kit finds in topics: one parser, lenient about what is not JSON. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** The tree of {@code bytes}; a missing node when they are null or not JSON. */
    static JsonNode tree(byte[] bytes) {
        if (bytes == null) {
            return MAPPER.missingNode();
        }
        try {
            return MAPPER.readTree(bytes);
        } catch (IOException | RuntimeException e) {
            return MAPPER.missingNode();
        }
    }

    /** A top-level whole-number field of a JSON value; -1 when absent or not JSON. */
    static long longField(byte[] value, String field) {
        JsonNode node = tree(value).path(field);
        return node.canConvertToLong() ? node.asLong() : -1;
    }

    /**
     * A JSON object's bytes with one string member more, after the others.
     *
     * @throws IllegalArgumentException when {@code object} is not a JSON object
     */
    static byte[] withMember(byte[] object, String name, String value) {
        if (!(tree(object) instanceof ObjectNode node)) {
            throw new IllegalArgumentException("expected a JSON object to add " + name + " to, got "
                    + (object == null ? "null" : new String(object, StandardCharsets.UTF_8)));
        }
        try {
            return MAPPER.writeValueAsBytes(node.put(name, value));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + node, e);
        }
    }
}
