package io.streampatterns.patterns.validation;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.is_variant_null;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.schema_of_variant;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.try_parse_json;
import static org.apache.spark.sql.functions.try_variant_get;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import io.streampatterns.core.Transform;
import io.streampatterns.core.dlq.DlqReason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Classifies raw Kafka records against an event schema: adds {@value #REASON_COLUMN} (a
 * {@link DlqReason} name, null for a valid record), {@value #DETAIL_COLUMN} (what was wrong, naming
 * the field) and {@value #EVENT_COLUMN} (the parsed event); every input column stays.
 *
 * <p>The first problem found decides, in this order:
 * <ol>
 *   <li>{@code MALFORMED_JSON}: the value is null (a tombstone);</li>
 *   <li>a rule of the I-JSON profile (RFC 7493, see {@link IJsonProfile}): {@code BYTE_ORDER_MARK},
 *       {@code INVALID_UTF8}, {@code DUPLICATE_MEMBER_NAME}, {@code NUMBER_OUT_OF_RANGE} (a number
 *       no double holds), {@code INTEGER_OUT_OF_RANGE} (outside its field's integral type);</li>
 *   <li>{@code MALFORMED_JSON}: the value is not strict JSON;</li>
 *   <li>{@code SCHEMA_VALIDATION_FAILED}: it is JSON but not an object (an array, a number...);</li>
 *   <li>{@code MISSING_REQUIRED_FIELD}: a required field is absent or JSON null;</li>
 *   <li>{@code SCHEMA_VALIDATION_FAILED}: a field holds a value its type cannot take (amount
 *       {@code "abc"}, a number or an object where a string is expected), or a nested value does
 *       not match.</li>
 * </ol>
 *
 * <p><b>Why two parsers.</b> {@code from_json} alone cannot tell these apart: in PERMISSIVE mode it
 * puts the raw text into the corrupt-record column both for text that is not JSON and for JSON
 * with one mistyped field (whose value it nulls, keeping the others), returns all nulls with no
 * corrupt record for an empty value, and nulls an absent field exactly like a mistyped one. So
 * each value is also parsed into a VARIANT ({@code try_parse_json}, Spark 4): null means not
 * JSON; cast to {@code map<string,variant>} it is null unless the document is an object, and per
 * field it tells absent (no key) from JSON null from present. A field is mistyped when it is
 * present but {@code from_json}, the parser the valid output is read with, could not convert it.
 * String fields are held to JSON strings: {@code from_json} would otherwise accept any JSON there
 * as text ({@code "event_id": {"x":1}} becomes the string {@code {"x":1}}).
 *
 * <p>The classification is a pure function of the value, so a replayed batch classifies each
 * record the same way, and it uses only stateless expressions, so it also runs in Real-Time Mode.
 */
public final class SchemaValidator implements Transform {
    /** The {@link DlqReason} name of an invalid record; null for a valid one. */
    public static final String REASON_COLUMN = "_dlq_reason";
    /** What was wrong, for a person, naming the field; null for a valid record. */
    public static final String DETAIL_COLUMN = "_dlq_detail";
    /** The value parsed with the event schema (a struct of its fields). */
    public static final String EVENT_COLUMN = "_event";

    private static final String CORRUPT = "__corrupt_record";
    private static final String VARIANT = "__json";
    private static final String FIELDS = "__json_fields";
    private static final String TYPED = "__typed";
    private static final String CHECK = "__check";
    private static final String I_JSON = "__i_json";
    private static final StructType VERDICT = new StructType().add("reason", DataTypes.StringType)
            .add("detail", DataTypes.StringType);
    private static final int SHOWN_VALUE_CHARS = 80;

    private final StructType schema;
    private final List<String> requiredFields;

    /**
     * @param schema the events' schema: top-level fields of a JSON object
     * @param requiredFields top-level fields that must be present and not null
     * @throws IllegalArgumentException when {@link #problems} finds any
     */
    public SchemaValidator(StructType schema, Collection<String> requiredFields) {
        List<String> problems = problems(schema, requiredFields);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        this.schema = schema;
        this.requiredFields = List.copyOf(requiredFields);
    }

    /** Problems with a schema and its required fields, each naming the option; empty when valid. */
    public static List<String> problems(StructType schema, Collection<String> requiredFields) {
        List<String> problems = new ArrayList<>();
        if (schema == null) {
            problems.add("eventSchema: expected the events' StructType, got none");
            return problems;
        }
        if (schema.fields().length == 0) {
            problems.add("eventSchema: expected at least one field, got an empty StructType");
        }
        List<String> names = Arrays.asList(schema.fieldNames());
        if (names.contains(CORRUPT)) {
            problems.add("eventSchema: field " + CORRUPT + " is reserved for the validator's own use");
        }
        if (requiredFields == null) {
            problems.add("requiredFields: expected field names (possibly none), got null");
            return problems;
        }
        List<String> unknown = requiredFields.stream().filter(f -> f == null || !names.contains(f)).toList();
        if (!unknown.isEmpty()) {
            problems.add("requiredFields: " + unknown + " are not top-level fields of eventSchema " + names
                    + "; expected a subset of them");
        }
        return problems;
    }

    @Override
    public Dataset<Row> apply(Dataset<Row> input) {
        Column text = col("value").cast("string");
        StructType withCorrupt = schema.add(CORRUPT, DataTypes.StringType, true);
        Column typed = from_json(text, withCorrupt,
                Map.of("mode", "PERMISSIVE", "columnNameOfCorruptRecord", CORRUPT));
        Dataset<Row> parsed = input
                .withColumn(VARIANT, try_parse_json(text))
                .withColumn(TYPED, typed)
                .withColumn(FIELDS, try_variant_get(col(VARIANT), "$", "map<string,variant>"))
                .withColumn(I_JSON, iJson(new IJsonProfile(schema)).apply(col("value").cast("binary")));

        Column check = when(col("value").isNull(), verdict(DlqReason.MALFORMED_JSON,
                        lit("value is null (a tombstone); expected a JSON object")))
                .when(col(I_JSON).isNotNull(), col(I_JSON))
                .when(col(VARIANT).isNull(), verdict(DlqReason.MALFORMED_JSON,
                        lit("value is not strict JSON (a syntax error)")))
                .when(col(FIELDS).isNull(), verdict(DlqReason.SCHEMA_VALIDATION_FAILED,
                        concat(lit("expected a JSON object, got "), jsonKind(col(VARIANT)))));
        for (String required : requiredFields) {
            Column field = field(required);
            check = check
                    .when(field.isNull(), verdict(DlqReason.MISSING_REQUIRED_FIELD,
                            lit("required field '" + required + "' is absent")))
                    .when(is_variant_null(field), verdict(DlqReason.MISSING_REQUIRED_FIELD,
                            lit("required field '" + required + "' is null")));
        }
        for (StructField declared : schema.fields()) {
            Column field = field(declared.name());
            Column present = field.isNotNull().and(not(is_variant_null(field)));
            Column unconverted = col(TYPED).getField(declared.name()).isNull();
            if (declared.dataType().equals(DataTypes.StringType)) {
                unconverted = unconverted.or(not(jsonKind(field).equalTo("string")));
            }
            check = check.when(present.and(unconverted), verdict(DlqReason.SCHEMA_VALIDATION_FAILED,
                    concat(lit("field '" + declared.name() + "': expected " + declared.dataType().simpleString()
                            + ", got "), jsonKind(field), lit(" "), substring(to_json(field), 1, SHOWN_VALUE_CHARS))));
        }
        check = check.when(col(TYPED).getField(CORRUPT).isNotNull(), verdict(DlqReason.SCHEMA_VALIDATION_FAILED,
                lit("value does not match eventSchema (a nested field has the wrong type)")));

        Column[] event = Arrays.stream(schema.fieldNames()).map(name -> col(TYPED).getField(name).alias(name))
                .toArray(Column[]::new);
        List<Column> output = new ArrayList<>();
        for (String name : input.columns()) {
            output.add(col(name));
        }
        output.add(struct(event).alias(EVENT_COLUMN));
        output.add(col(CHECK).getField("reason").alias(REASON_COLUMN));
        output.add(col(CHECK).getField("detail").alias(DETAIL_COLUMN));
        return parsed.withColumn(CHECK, check).select(output.toArray(Column[]::new));
    }

    /** The JSON value of a top-level field: SQL null when absent, a variant null when JSON null. */
    private static Column field(String name) {
        return col(FIELDS).getItem(name);
    }

    /** The JSON type of a variant, in lower case: object, array, string, bigint, decimal, boolean, null... */
    private static Column jsonKind(Column variant) {
        return when(is_variant_null(variant), lit("null"))
                .otherwise(lower(regexp_extract(schema_of_variant(variant), "^[A-Z]+", 0)));
    }

    /** The profile as a Spark function of a value's bytes: its first violation as (reason, detail), or null. */
    private static UserDefinedFunction iJson(IJsonProfile profile) {
        return udf((UDF1<byte[], Row>) value -> profile.check(value)
                .map(v -> RowFactory.create(v.reason().name(), v.detail())).orElse(null), VERDICT);
    }

    private static Column verdict(DlqReason reason, Column detail) {
        return struct(lit(reason.name()).alias("reason"), detail.alias("detail"));
    }

    public StructType schema() {
        return schema;
    }

    public List<String> requiredFields() {
        return requiredFields;
    }

    @Override
    public String toString() {
        return "SchemaValidator(" + schema.simpleString() + ", required " + requiredFields + ")";
    }
}
