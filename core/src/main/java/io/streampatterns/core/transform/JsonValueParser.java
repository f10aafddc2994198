package io.streampatterns.core.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.udf;

import io.streampatterns.core.Transform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Parses the JSON in {@code value} with a schema and puts the schema's fields where {@code value}
 * was; every other column stays.
 *
 * <p>A record that is not valid JSON does not vanish: its fields are null and its text is kept in
 * {@value #MALFORMED_COLUMN}, so an ingestion table loses nothing and malformed input can be
 * found with one filter. Pipelines that must keep bad records out route them to a dead letter
 * queue instead.
 *
 * <p>Members outside the schema are dropped, as {@code from_json} drops them, unless
 * {@link #keepingUnknownFieldsIn} names a column to keep them in ({@link UnknownFields}): what
 * producers added after the schema was written is then there to be read before the schema catches up.
 */
public final class JsonValueParser implements Transform {
    /** Holds the raw text of a record that did not parse; null for one that did. */
    public static final String MALFORMED_COLUMN = "_malformed_value";

    private static final String PARSED = "__parsed_value";

    private final StructType schema;
    private final Optional<String> unknownFieldsColumn;

    /** @throws IllegalArgumentException when {@link #problems} finds any */
    public JsonValueParser(StructType schema) {
        this(schema, Optional.empty());
    }

    private JsonValueParser(StructType schema, Optional<String> unknownFieldsColumn) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.unknownFieldsColumn = unknownFieldsColumn;
        List<String> problems = new ArrayList<>(problems("schema", schema));
        unknownFieldsColumn.ifPresent(column -> problems.addAll(unknownFieldsProblems("unknownFieldsColumn", column, schema)));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /**
     * This parser, also keeping each record's members outside the schema in string column
     * {@code column}, as a JSON object; null in a record without such members.
     *
     * @throws IllegalArgumentException when {@link #unknownFieldsProblems} finds any
     */
    public JsonValueParser keepingUnknownFieldsIn(String column) {
        return new JsonValueParser(schema, Optional.of(column));
    }

    /**
     * What keeps {@code column} from holding the unknown members next to {@code schema}'s fields,
     * each problem naming {@code option}; empty when nothing does.
     */
    public static List<String> unknownFieldsProblems(String option, String column, StructType schema) {
        if (column == null || column.isBlank()) {
            return List.of(option + ": expected a column name, got '" + column + "'");
        }
        if (column.equals(MALFORMED_COLUMN) || column.equals("value")
                || (schema != null && List.of(schema.fieldNames()).contains(column))) {
            return List.of(option + ": '" + column + "' is already a column (a field of the schema, value or "
                    + MALFORMED_COLUMN + "); expected a name of its own");
        }
        return List.of();
    }

    /**
     * What keeps {@code schema} from being parsed with, each problem naming {@code option} (the
     * option a builder's users set it with); empty when it can be. For a builder to report with its
     * other problems before anything is constructed.
     */
    public static List<String> problems(String option, StructType schema) {
        if (schema == null) {
            return List.of(option + ": expected the events' StructType, got none");
        }
        if (List.of(schema.fieldNames()).contains(MALFORMED_COLUMN)) {
            return List.of(option + ": field " + MALFORMED_COLUMN + " is reserved for malformed records;"
                    + " expected a schema without it");
        }
        return List.of();
    }

    @Override
    public Dataset<Row> apply(Dataset<Row> input) {
        StructType withMalformed = schema.add(MALFORMED_COLUMN, DataTypes.StringType, true);
        Column parsed = from_json(col("value").cast("string"), withMalformed,
                Map.of("mode", "PERMISSIVE", "columnNameOfCorruptRecord", MALFORMED_COLUMN));
        // Parse once into a struct, then spread its fields where value stood.
        List<Column> parsedInPlace = new ArrayList<>();
        List<Column> spread = new ArrayList<>();
        for (String name : input.columns()) {
            boolean isValue = name.equals("value");
            parsedInPlace.add(isValue ? parsed.alias(PARSED) : col(name));
            spread.add(isValue ? col(PARSED + ".*") : col(name));
        }
        unknownFieldsColumn.ifPresent(column -> {
            if (List.of(input.columns()).contains(column)) {
                throw new IllegalArgumentException("unknownFieldsColumn: '" + column
                        + "' is already a column of the input " + List.of(input.columns()) + "; expected a name of its own");
            }
            parsedInPlace.add(unknownFields().apply(col("value").cast("string")).alias(column));
            spread.add(col(column));
        });
        return input.select(parsedInPlace.toArray(Column[]::new)).select(spread.toArray(Column[]::new));
    }

    private UserDefinedFunction unknownFields() {
        return udf(new UnknownFields(Set.of(schema.fieldNames())), DataTypes.StringType);
    }

    public StructType schema() {
        return schema;
    }
}
