package io.streampatterns.patterns;

import io.streampatterns.core.TriggerPolicy;
import io.streampatterns.core.transform.JsonValueParser;
import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * The options of a pattern whose records are JSON events, on top of the shared ones of
 * {@link PatternBuilder}: the events' schema.
 *
 * @param <B> the pattern's own builder
 */
public abstract class JsonPatternBuilder<B extends JsonPatternBuilder<B>> extends PatternBuilder<B> {
    private StructType eventSchema;

    /** @param defaultTrigger the pattern's trigger when neither {@code trigger} nor {@code sla} chooses one */
    protected JsonPatternBuilder(TriggerPolicy defaultTrigger) {
        super(defaultTrigger);
    }

    /**
     * The events' schema: the top-level fields of the JSON object in each record's value. A field
     * a payload lacks is null; what the pattern does with the fields, its class comment says.
     */
    public B eventSchema(StructType schema) {
        this.eventSchema = schema;
        return self();
    }

    protected final StructType eventSchema() {
        return eventSchema;
    }

    /** What keeps {@link JsonValueParser} from parsing with the schema (none given, a reserved field). */
    protected final List<String> parsedSchemaProblems() {
        return JsonValueParser.problems("eventSchema", eventSchema);
    }
}
