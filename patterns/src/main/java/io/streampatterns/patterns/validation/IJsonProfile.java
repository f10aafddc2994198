package io.streampatterns.patterns.validation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.streampatterns.core.dlq.DlqReason;
import java.io.IOException;
import java.io.Serializable;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The rules of the I-JSON profile (RFC 7493) that strict JSON parsing alone does not enforce,
 * checked on a record's bytes: well-formed UTF-8 (section 2.1), no byte order mark (RFC 8259
 * section 8.1), unique member names (2.3), numbers that an IEEE 754 double holds as a finite value
 * (2.2), and integers within the range of the type their field is declared with.
 *
 * <p>Each violation has its own {@link DlqReason} and a detail naming the member, as a path from
 * the document's root ({@code amount}, {@code items[2].price}). One more rule of JSON itself is
 * checked because Spark's parsers skip it: a value that goes on after its document ({@code {"seq":1}
 * trailing}) is {@code MALFORMED_JSON}. A document that is not JSON at all is not judged here
 * ({@link #check} is empty): the validator's JSON parser names that.
 *
 * <p>Why in Java: Spark reads a value cast to a string without looking at its bytes (an invalid
 * sequence becomes U+FFFD only when printed), its JSON reader takes {@code 1e400} as infinity, and
 * its VARIANT parser refuses a duplicate name without saying which. A streaming parse tells each
 * apart in one pass, without building the document.
 */
public final class IJsonProfile implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** What is wrong with a value, for its dead letter. */
    public record Violation(DlqReason reason, String detail) implements Serializable {
    }

    /** The range of each top-level field declared with an integral type, by field name. */
    private final Map<String, IntegralRange> integerFields;
    private transient JsonFactory factory;

    /** @param schema the events' schema: its top-level integral fields are held to their type's range */
    public IJsonProfile(StructType schema) {
        Map<String, IntegralRange> ranges = new LinkedHashMap<>();
        for (StructField field : schema.fields()) {
            IntegralRange.of(field.dataType()).ifPresent(range -> ranges.put(field.name(), range));
        }
        this.integerFields = Map.copyOf(ranges);
    }

    /**
     * The first violation of the profile in {@code value}; empty when there is none, when the value
     * is null (a tombstone) or when it is not JSON.
     */
    public Optional<Violation> check(byte[] value) {
        if (value == null) {
            return Optional.empty();
        }
        if (startsWithBom(value)) {
            return Optional.of(new Violation(DlqReason.BYTE_ORDER_MARK,
                    "value begins with a byte order mark (EF BB BF); I-JSON forbids one"));
        }
        Optional<Violation> encoding = utf8Problem(value);
        if (encoding.isPresent()) {
            return encoding;
        }
        try {
            return new Walk(value).run();
        } catch (IOException e) {
            return Optional.empty(); // not JSON: the validator's parser says so, with its own reason
        }
    }

    private static boolean startsWithBom(byte[] value) {
        return value.length >= BOM.length && value[0] == BOM[0] && value[1] == BOM[1] && value[2] == BOM[2];
    }

    /** Java's decoder is strict: overlong forms, encoded surrogates and truncated sequences are refused. */
    private static Optional<Violation> utf8Problem(byte[] value) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(value);
        CharBuffer out = CharBuffer.allocate(Math.max(16, Math.min(value.length, 8192)));
        while (true) {
            // With endOfInput, a sequence cut off at the end is an error too; UTF-8 has nothing to flush.
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                int at = in.position();
                return Optional.of(new Violation(DlqReason.INVALID_UTF8, String.format(Locale.ROOT,
                        "value is not well-formed UTF-8: byte 0x%02X at offset %d begins no valid sequence",
                        value[at] & 0xFF, at)));
            }
            if (!result.isOverflow()) {
                return Optional.empty();
            }
            out.clear();
        }
    }

    private JsonFactory factory() {
        if (factory == null) {
            // No limits below Kafka's own: a value up to the broker's message size is judged, not refused.
            factory = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                    .maxNumberLength(Integer.MAX_VALUE).maxStringLength(Integer.MAX_VALUE)
                    .maxNestingDepth(Integer.MAX_VALUE).maxNameLength(Integer.MAX_VALUE).build()).build();
        }
        return factory;
    }

    /** One pass over a document: the path to the current value, and the names seen in each open object. */
    private final class Walk {
        private final byte[] value;
        private final Deque<Set<String>> names = new ArrayDeque<>();
        private final Deque<String> path = new ArrayDeque<>();
        private final Deque<Integer> index = new ArrayDeque<>();
        private Violation first;

        Walk(byte[] value) {
            this.value = value;
        }

        /** The first violation, reported only once the whole document has parsed as one JSON value. */
        Optional<Violation> run() throws IOException {
            try (JsonParser parser = factory().createParser(value)) {
                JsonToken token = parser.nextToken();
                if (token == null) {
                    return Optional.empty();
                }
                visit(parser, token);
                long end = parser.currentLocation().getByteOffset();
                if (first == null && hasMore(parser)) {
                    // RFC 8259: a JSON text is one value. Spark's parsers read the first and ignore the rest.
                    first = new Violation(DlqReason.MALFORMED_JSON,
                            "value goes on after its JSON document ends at offset " + end);
                }
            }
            return Optional.ofNullable(first);
        }

        /** Whether anything but white space follows the document, be it JSON or not. */
        private boolean hasMore(JsonParser parser) {
            try {
                return parser.nextToken() != null;
            } catch (IOException e) {
                return true;
            }
        }

        private void visit(JsonParser parser, JsonToken token) throws IOException {
            switch (token) {
                case START_OBJECT -> object(parser);
                case START_ARRAY -> array(parser);
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number(parser, token);
                default -> { }
            }
        }

        private void object(JsonParser parser) throws IOException {
            names.push(new HashSet<>());
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                path.addLast(path.isEmpty() ? name : "." + name);
                if (!names.peek().add(name)) {
                    report(DlqReason.DUPLICATE_MEMBER_NAME, "member '" + here() + "' appears more than once in its object");
                }
                visit(parser, parser.nextToken());
                path.removeLast();
            }
            names.pop();
            if (token != JsonToken.END_OBJECT) {
                throw new IOException("unterminated object");
            }
        }

        private void array(JsonParser parser) throws IOException {
            index.push(0);
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token == null) {
                    throw new IOException("unterminated array");
                }
                int i = index.pop();
                index.push(i + 1);
                path.addLast("[" + i + "]");
                visit(parser, token);
                path.removeLast();
            }
            index.pop();
        }

        private void number(JsonParser parser, JsonToken token) throws IOException {
            String text = parser.getText();
            if (Double.isInfinite(Double.parseDouble(text))) {
                report(DlqReason.NUMBER_OUT_OF_RANGE, (path.isEmpty() ? "value" : "field '" + here() + "'") + ": "
                        + shown(text) + " is beyond the range of an IEEE 754 double (about ±1.8e308)");
                return;
            }
            IntegralRange range = path.size() == 1 ? integerFields.get(path.peekFirst()) : null;
            if (range != null && token == JsonToken.VALUE_NUMBER_INT && !range.holds(new BigInteger(text))) {
                report(DlqReason.INTEGER_OUT_OF_RANGE, "field '" + here() + "': " + shown(text) + " is outside the range of "
                        + range.name() + " (" + range.min() + " to " + range.max() + ")");
            }
        }

        private String here() {
            return String.join("", path);
        }

        private void report(DlqReason reason, String detail) {
            if (first == null) {
                first = new Violation(reason, detail);
            }
        }
    }

    /** At most 40 characters of a number, so a number of a million digits does not fill the dead letter. */
    private static String shown(String number) {
        return number.length() <= 40 ? number : number.substring(0, 37) + "... (" + number.length() + " characters)";
    }

    /** The values a Spark integral type holds. */
    record IntegralRange(String name, BigInteger min, BigInteger max) implements Serializable {
        static Optional<IntegralRange> of(DataType type) {
            if (type.equals(DataTypes.ByteType)) {
                return Optional.of(range(type, Byte.MIN_VALUE, Byte.MAX_VALUE));
            }
            if (type.equals(DataTypes.ShortType)) {
                return Optional.of(range(type, Short.MIN_VALUE, Short.MAX_VALUE));
            }
            if (type.equals(DataTypes.IntegerType)) {
                return Optional.of(range(type, Integer.MIN_VALUE, Integer.MAX_VALUE));
            }
            if (type.equals(DataTypes.LongType)) {
                return Optional.of(range(type, Long.MIN_VALUE, Long.MAX_VALUE));
            }
            return Optional.empty();
        }

        private static IntegralRange range(DataType type, long min, long max) {
            return new IntegralRange(type.simpleString(), BigInteger.valueOf(min), BigInteger.valueOf(max));
        }

        boolean holds(BigInteger value) {
            return value.compareTo(min) >= 0 && value.compareTo(max) <= 0;
        }
    }
}
