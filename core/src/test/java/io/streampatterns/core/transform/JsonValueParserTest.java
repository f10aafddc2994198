package io.streampatterns.core.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** A builder can ask what is wrong with a schema before it constructs anything. */
class JsonValueParserTest {
    private static final StructType RESERVED = new StructType()
            .add("event_id", DataTypes.StringType)
            .add(JsonValueParser.MALFORMED_COLUMN, DataTypes.StringType);

    @Test
    void problemsNameTheCallersOption() {
        assertThat(JsonValueParser.problems("eventSchema", RESERVED)).containsExactly(
                "eventSchema: field _malformed_value is reserved for malformed records; expected a schema without it");
        assertThat(JsonValueParser.problems("eventSchema", null))
                .containsExactly("eventSchema: expected the events' StructType, got none");
        assertThat(JsonValueParser.problems("eventSchema", new StructType().add("event_id", DataTypes.StringType)))
                .isEmpty();
    }

    @Test
    void theConstructorRefusesWhatProblemsFinds() {
        assertThatThrownBy(() -> new JsonValueParser(RESERVED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("schema: field _malformed_value is reserved for malformed records");
    }

    @Test
    void anUnknownFieldsColumnMustBeANameOfItsOwn() {
        StructType schema = new StructType().add("event_id", DataTypes.StringType);
        assertThat(JsonValueParser.unknownFieldsProblems("unknownFieldsColumn", "event_id", schema)).containsExactly(
                "unknownFieldsColumn: 'event_id' is already a column (a field of the schema, value or _malformed_value);"
                        + " expected a name of its own");
        assertThat(JsonValueParser.unknownFieldsProblems("unknownFieldsColumn", " ", schema))
                .containsExactly("unknownFieldsColumn: expected a column name, got ' '");
        assertThat(JsonValueParser.unknownFieldsProblems("unknownFieldsColumn", "_unknown_fields", schema)).isEmpty();
        assertThatThrownBy(() -> new JsonValueParser(schema).keepingUnknownFieldsIn("value"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknownFieldsColumn: 'value' is already a column");
    }
}
