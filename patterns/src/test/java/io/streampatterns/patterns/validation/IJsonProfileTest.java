package io.streampatterns.patterns.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.streampatterns.core.dlq.DlqReason;
import io.streampatterns.patterns.validation.IJsonProfile.Violation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Each I-JSON rule refuses the value it should, with its own reason and a detail naming the member. */
class IJsonProfileTest {
    private static final StructType SCHEMA = new StructType()
            .add("event_id", DataTypes.StringType)
            .add("seq", DataTypes.LongType)
            .add("qty", DataTypes.IntegerType)
            .add("level", DataTypes.ByteType)
            .add("amount", DataTypes.DoubleType);
    private static final IJsonProfile PROFILE = new IJsonProfile(SCHEMA);

    /**
     * Purpose: what I-JSON allows passes, including the edges.
     *
     * <p>How: check extra and nested fields, multi-byte characters (2, 3 and 4 bytes), the largest
     * finite double, a number that underflows to 0, the extremes of long, int and byte, the same
     * name in two objects, a 1 MiB string (Kafka's default message size), and an integral field's
     * name used deeper down with a larger value.
     *
     * <p>Pass: no violation for any of them.
     */
    @Test
    void acceptsWhatTheProfileAllows() {
        String big = "x".repeat(1 << 20);
        String[] valid = {
            "{\"event_id\":\"e\",\"seq\":1,\"campaign\":{\"name\":\"spring\",\"tags\":[\"a\",\"b\"]}}",
            "{\"event_id\":\"caf\u00e9 \u20ac \uD83D\uDE80\",\"seq\":2}",
            "{\"amount\":1.7976931348623157e308,\"seq\":3}",
            "{\"amount\":1e-400,\"seq\":4}",
            "{\"seq\":-9223372036854775808,\"qty\":2147483647,\"level\":-128}",
            "{\"a\":{\"id\":1},\"b\":{\"id\":2},\"items\":[{\"id\":1},{\"id\":2}]}",
            "{\"event_id\":\"" + big + "\",\"seq\":5}",
            "{\"nested\":{\"qty\":3000000000},\"seq\":6}",
            "[1, 2.5, -0, 1E2]",
        };
        for (String value : valid) {
            assertThat(PROFILE.check(bytes(value))).as(value.length() > 100 ? value.substring(0, 100) : value).isEmpty();
        }
    }

    /**
     * Purpose: bytes that are not well-formed UTF-8 are refused, naming the offset.
     *
     * <p>How: a stray continuation byte, a lead byte without its continuation, an overlong encoding of
     * '/', an encoded surrogate (CESU-8), and a 3-byte sequence cut off at the end of the value.
     *
     * <p>Pass: INVALID_UTF8 for each, with the first bad byte and its offset.
     */
    @Test
    void refusesBytesThatAreNotUtf8() {
        byte[] prefix = bytes("{\"event_id\":\"");
        assertThat(PROFILE.check(concat(prefix, new byte[] {(byte) 0x80}, bytes("\"}"))))
                .contains(new Violation(DlqReason.INVALID_UTF8,
                        "value is not well-formed UTF-8: byte 0x80 at offset 13 begins no valid sequence"));
        assertThat(reason(concat(prefix, new byte[] {(byte) 0xC3, 0x28}, bytes("\"}")))).isEqualTo(DlqReason.INVALID_UTF8);
        assertThat(reason(concat(prefix, new byte[] {(byte) 0xC0, (byte) 0xAF}, bytes("\"}")))).isEqualTo(DlqReason.INVALID_UTF8);
        assertThat(reason(concat(prefix, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, bytes("\"}"))))
                .isEqualTo(DlqReason.INVALID_UTF8);
        assertThat(PROFILE.check(concat(prefix, new byte[] {(byte) 0xE2, (byte) 0x82})))
                .contains(new Violation(DlqReason.INVALID_UTF8,
                        "value is not well-formed UTF-8: byte 0xE2 at offset 13 begins no valid sequence"));
    }

    /**
     * Purpose: a byte order mark is refused on its own, even before a valid document.
     *
     * <p>How: EF BB BF followed by a valid event.
     *
     * <p>Pass: BYTE_ORDER_MARK.
     */
    @Test
    void refusesAByteOrderMark() {
        assertThat(PROFILE.check(concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, bytes("{\"seq\":1}"))))
                .contains(new Violation(DlqReason.BYTE_ORDER_MARK,
                        "value begins with a byte order mark (EF BB BF); I-JSON forbids one"));
    }

    /**
     * Purpose: two members of one name in one object are refused, naming the member by its path.
     *
     * <p>How: a duplicate at the top, in a nested object, and in an object inside an array.
     *
     * <p>Pass: DUPLICATE_MEMBER_NAME naming {@code seq}, {@code campaign.name} and {@code items[1].id}.
     */
    @Test
    void refusesDuplicateMemberNames() {
        assertThat(PROFILE.check(bytes("{\"seq\":1,\"event_id\":\"e\",\"seq\":2}")))
                .contains(new Violation(DlqReason.DUPLICATE_MEMBER_NAME, "member 'seq' appears more than once in its object"));
        assertThat(detail("{\"campaign\":{\"name\":\"a\",\"name\":\"b\"}}")).isEqualTo("member 'campaign.name' appears more than once in its object");
        assertThat(detail("{\"items\":[{\"id\":1},{\"id\":2,\"id\":3}]}")).isEqualTo("member 'items[1].id' appears more than once in its object");
    }

    /**
     * Purpose: a number that no double holds as a finite value is refused, wherever it is.
     *
     * <p>How: 1e400 in a double field, -1e309 nested in an array, a 400-digit integer, and a bare 1e999.
     *
     * <p>Pass: NUMBER_OUT_OF_RANGE naming {@code amount}, {@code items[0].price}, the long number cut
     * short, and "value" for the bare number.
     */
    @Test
    void refusesNumbersBeyondADouble() {
        assertThat(PROFILE.check(bytes("{\"seq\":1,\"amount\":1e400}"))).contains(new Violation(DlqReason.NUMBER_OUT_OF_RANGE,
                "field 'amount': 1e400 is beyond the range of an IEEE 754 double (about ±1.8e308)"));
        assertThat(detail("{\"items\":[{\"price\":-1e309}]}"))
                .isEqualTo("field 'items[0].price': -1e309 is beyond the range of an IEEE 754 double (about ±1.8e308)");
        assertThat(detail("{\"n\":1" + "0".repeat(400) + "}"))
                .startsWith("field 'n': 1000000000000000000000000000000000000... (401 characters) is beyond");
        assertThat(detail("1e999")).startsWith("value: 1e999 is beyond");
    }

    /**
     * Purpose: an integer outside its field's declared type is refused with the type's range.
     *
     * <p>How: 2^63 in a long field, 3000000000 in an int field, 128 in a byte field.
     *
     * <p>Pass: INTEGER_OUT_OF_RANGE naming each field, its value, its type and the range.
     */
    @Test
    void refusesIntegersOutsideTheirFieldsType() {
        assertThat(PROFILE.check(bytes("{\"seq\":9223372036854775808}"))).contains(new Violation(DlqReason.INTEGER_OUT_OF_RANGE,
                "field 'seq': 9223372036854775808 is outside the range of bigint (-9223372036854775808 to 9223372036854775807)"));
        assertThat(detail("{\"seq\":1,\"qty\":3000000000}"))
                .isEqualTo("field 'qty': 3000000000 is outside the range of int (-2147483648 to 2147483647)");
        assertThat(detail("{\"level\":128}")).isEqualTo("field 'level': 128 is outside the range of tinyint (-128 to 127)");
    }

    /**
     * Purpose: what is not JSON is left to the validator's parser, which gives it its own reason.
     *
     * <p>How: a tombstone, an empty value, a syntax error after a duplicate, single quotes, a trailing comma.
     *
     * <p>Pass: no violation from the profile for any of them.
     */
    @Test
    void leavesWhatIsNotJsonToTheParser() {
        assertThat(PROFILE.check(null)).isEmpty();
        for (String value : new String[] {"", "{\"seq\":1,\"seq\":2", "{'seq':1}", "{not json", "[1,]"}) {
            assertThat(PROFILE.check(bytes(value))).as(value).isEmpty();
        }
    }

    /**
     * Purpose: a value that goes on after its JSON document is refused, which Spark's parsers let through.
     *
     * <p>How: a second document after the first, text after it, and white space after it (allowed).
     *
     * <p>Pass: MALFORMED_JSON naming where the document ended for the first two; nothing for white space.
     */
    @Test
    void refusesContentAfterTheDocument() {
        assertThat(PROFILE.check(bytes("{\"seq\":1} {\"seq\":2}"))).contains(new Violation(DlqReason.MALFORMED_JSON,
                "value goes on after its JSON document ends at offset 9"));
        assertThat(detail("{\"seq\":1} trailing")).isEqualTo("value goes on after its JSON document ends at offset 9");
        assertThat(PROFILE.check(bytes("{\"seq\":1} \r\n\t"))).isEmpty();
    }

    /** The profile travels to executors inside a Spark function: it must survive Java serialization. */
    @Test
    void survivesSerialization() throws IOException, ClassNotFoundException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectOutputStream objects = new ObjectOutputStream(out)) {
            objects.writeObject(PROFILE);
        }
        IJsonProfile copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            copy = (IJsonProfile) in.readObject();
        }
        assertThat(copy.check(bytes("{\"qty\":3000000000}")).map(Violation::reason)).contains(DlqReason.INTEGER_OUT_OF_RANGE);
    }

    private static DlqReason reason(byte[] value) {
        return PROFILE.check(value).map(Violation::reason).orElse(null);
    }

    private static String detail(String value) {
        Optional<Violation> violation = PROFILE.check(bytes(value));
        return violation.map(Violation::detail).orElse(null);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
