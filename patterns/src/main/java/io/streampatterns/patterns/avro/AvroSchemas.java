package io.streampatterns.patterns.avro;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/** Parsing, checking and extending the Avro schemas a pattern is given. */
final class AvroSchemas {
    /**
     * A field added to the reader schema with default true. Schema resolution fills it in for every
     * record that decodes; from_avro in PERMISSIVE mode returns a struct of nulls (not a null struct)
     * for one that does not, so a null here, and only here, marks a body that did not decode, even
     * when every field of the real schema is nullable.
     */
    static final String DECODED_MARKER = "__streampatterns_decoded";

    private static final ObjectMapper JSON = new ObjectMapper();

    private AvroSchemas() {
    }

    /** The problem with {@code json} as a record schema for {@code option}, if any. */
    static Optional<String> recordProblem(String option, String json) {
        if (json == null || json.isBlank()) {
            return Optional.of(option + ": expected an Avro record schema (JSON), got nothing");
        }
        try {
            Schema schema = new Schema.Parser().parse(json);
            if (schema.getType() != Schema.Type.RECORD) {
                return Optional.of(option + ": expected an Avro record schema, whose fields become the JSON's, got a "
                        + schema.getType().getName());
            }
            if (schema.getField(DECODED_MARKER) != null) {
                return Optional.of(option + ": field " + DECODED_MARKER + " is reserved by this pipeline");
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(option + ": expected an Avro record schema, got one that does not parse: " + e.getMessage());
        }
    }

    static Schema parse(String json) {
        return new Schema.Parser().parse(json);
    }

    /**
     * Why data written with {@code writer} cannot be read as {@code reader}, if it cannot: Avro's own
     * resolution rules (added fields need defaults, types may only widen, enums must keep symbols).
     */
    static Optional<String> incompatibility(Schema reader, Schema writer) {
        SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            return Optional.empty();
        }
        return Optional.of(result.getResult().getIncompatibilities().stream()
                .map(i -> i.getType() + " at " + i.getLocation() + ": " + i.getMessage())
                .collect(Collectors.joining("; ")));
    }

    /** {@code readerJson} with {@link #DECODED_MARKER} added as a last field, boolean, default true. */
    static String withDecodedMarker(String readerJson) {
        try {
            ObjectNode record = (ObjectNode) JSON.readTree(readerJson);
            ObjectNode marker = JSON.createObjectNode();
            marker.put("name", DECODED_MARKER);
            marker.put("type", "boolean");
            marker.put("default", true);
            ((ArrayNode) record.get("fields")).add(marker);
            return JSON.writeValueAsString(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
