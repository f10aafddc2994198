package io.streampatterns.core.transform;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Set;
import org.apache.spark.sql.api.java.UDF1;

/**
 * The top-level members of a JSON object that its schema does not name, as a JSON object of their
 * own (names, values and value types as they came); null when there are none or the text is not a
 * JSON object. What a producer added after the schema was written, kept instead of dropped.
 *
 * <p>Why a function of its own: open-source Spark's {@code from_json} drops members outside the
 * schema and has no rescued-data option (Databricks' {@code rescuedDataColumn} is not in Spark
 * 4.2's JSON options). Names are matched as {@code from_json} matches them, case-sensitively.
 */
public final class UnknownFields implements UDF1<String, String> {
    private static final long serialVersionUID = 1L;

    private final Set<String> known;
    private transient JsonFactory factory;

    /** @param known the schema's top-level field names */
    public UnknownFields(Set<String> known) {
        this.known = Set.copyOf(known);
    }

    @Override
    public String call(String json) {
        if (json == null) {
            return null;
        }
        try (JsonParser parser = factory().createParser(json)) {
            return parser.nextToken() == JsonToken.START_OBJECT ? copyUnknown(parser) : null;
        } catch (IOException notJson) {
            return null; // the parser's malformed-record column keeps such text
        }
    }

    private String copyUnknown(JsonParser parser) throws IOException {
        StringWriter out = new StringWriter();
        int copied = 0;
        try (JsonGenerator generator = factory().createGenerator(out)) {
            generator.writeStartObject();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (known.contains(name)) {
                    parser.skipChildren();
                } else {
                    generator.writeFieldName(name);
                    generator.copyCurrentStructure(parser);
                    copied++;
                }
            }
            generator.writeEndObject();
        }
        return copied == 0 ? null : out.toString();
    }

    private JsonFactory factory() {
        if (factory == null) {
            factory = new JsonFactory();
        }
        return factory;
    }
}
