package io.streampatterns.patterns.avro;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Writer schemas given in code, by id: for tests, for topics whose producers use a fixed set of
 * schemas, and for a registry's schemas exported ahead of time. Every schema is parsed when the
 * source is made, so a typo fails at once, naming the id.
 */
public final class LocalSchemaSource implements SchemaSource {
    private static final long serialVersionUID = 1L;

    private final TreeMap<Integer, String> schemas;

    private LocalSchemaSource(Map<Integer, String> schemas) {
        this.schemas = new TreeMap<>(schemas);
    }

    /**
     * @param schemas Avro schemas (JSON) by schema id
     * @throws IllegalArgumentException naming the first id whose schema does not parse
     */
    public static LocalSchemaSource of(Map<Integer, String> schemas) {
        for (Map.Entry<Integer, String> entry : new TreeMap<>(schemas).entrySet()) {
            try {
                new Schema.Parser().parse(entry.getValue());
            } catch (SchemaParseException | NullPointerException e) {
                throw new IllegalArgumentException("schema id " + entry.getKey() + ": expected an Avro schema, got '"
                        + entry.getValue() + "' (" + e.getMessage() + ")", e);
            }
        }
        return new LocalSchemaSource(schemas);
    }

    /** One schema under one id. */
    public static LocalSchemaSource of(int id, String schema) {
        return of(Map.of(id, schema));
    }

    /** This source with one more schema. */
    public LocalSchemaSource with(int id, String schema) {
        Map<Integer, String> more = new LinkedHashMap<>(schemas);
        more.put(id, schema);
        return of(more);
    }

    @Override
    public Optional<String> schema(int id) {
        return Optional.ofNullable(schemas.get(id));
    }

    @Override
    public String toString() {
        return "LocalSchemaSource(ids " + schemas.keySet() + ")";
    }
}
