package io.streampatterns.patterns.avro;

import static org.assertj.core.api.Assertions.assertThat;

import io.streampatterns.core.dlq.DlqReason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Real-Time Mode's per-record decoding: every record resolved to the reader schema, or rejected with its reason. */
class AvroBodyResolverTest {
    private static final String V1 = AvroToJsonPipelineTest.V1;
    private static final String V2 = AvroToJsonPipelineTest.V2;
    /** qty as a string: no longer readable as the reader's long. */
    private static final String INCOMPATIBLE = V1.replace("\"qty\",\"type\":\"int\"", "\"qty\",\"type\":\"string\"");

    /** A schema source a test can teach ids to while the resolver runs, like a registry. */
    private static final class GrowingSource implements SchemaSource {
        final Map<Integer, String> schemas = new HashMap<>();

        @Override
        public Optional<String> schema(int id) {
            return Optional.ofNullable(schemas.get(id));
        }
    }

    /** Purpose: a record of an older writer schema comes out in the reader schema, the added field defaulted. */
    @Test
    void rewritesEachBodyInTheReaderSchema() throws IOException {
        AvroBodyResolver resolver = new AvroBodyResolver(LocalSchemaSource.of(1, V1), null, V2);

        Row row = resolver.call(ConfluentWireFormat.frame(1, order(V1, "o-1", 3)));

        assertThat(row.getString(1)).isNull();
        GenericRecord read = read(V2, (byte[]) row.get(0));
        assertThat(read.get("id")).hasToString("o-1");
        assertThat(read.get("qty")).isEqualTo(3L);
        assertThat(read.get("note")).isNull();
    }

    /** Purpose: each kind of bad record is rejected with the reason the micro-batch pattern gives it. */
    @Test
    void rejectsWhatCannotBeReadWithItsReason() throws IOException {
        AvroBodyResolver resolver = new AvroBodyResolver(LocalSchemaSource.of(1, V1).with(2, INCOMPATIBLE), null, V2);
        byte[] body = order(V1, "o-1", 3);

        assertRejected(resolver.call(ConfluentWireFormat.frame(7, body)), DlqReason.UNKNOWN_SCHEMA_ID, "schema id 7 is not known");
        assertRejected(resolver.call("{\"id\":1}".getBytes()), DlqReason.DESERIALIZATION_FAILED, "not in the Confluent wire format");
        assertRejected(resolver.call(ConfluentWireFormat.frame(1, Arrays.copyOf(body, body.length - 1))),
                DlqReason.DESERIALIZATION_FAILED, "does not decode with writer schema id 1");
        assertRejected(resolver.call(ConfluentWireFormat.frame(1, Arrays.copyOf(body, body.length + 2))),
                DlqReason.DESERIALIZATION_FAILED, "bytes are left after the record");
        assertRejected(resolver.call(ConfluentWireFormat.frame(2, body)), DlqReason.DESERIALIZATION_FAILED,
                "writer schema id 2 cannot be read as the reader schema");
        assertThat(resolver.call(null).anyNull()).isTrue();
        assertThat(resolver.call(null).getString(1)).as("a tombstone is no dead letter").isNull();
    }

    /** Purpose: an id registered while the query runs is read from its first record after, with no restart. */
    @Test
    void anIdUnknownAtFirstIsAskedAgain() throws IOException {
        GrowingSource source = new GrowingSource();
        AvroBodyResolver resolver = new AvroBodyResolver(source, null, V2);
        byte[] framed = ConfluentWireFormat.frame(5, order(V1, "o-2", 4));
        assertRejected(resolver.call(framed), DlqReason.UNKNOWN_SCHEMA_ID, "schema id 5");

        source.schemas.put(5, V1);

        assertThat(resolver.call(framed).getString(1)).isNull();
    }

    /** Purpose: plain Avro bodies with one writer schema resolve the same way, without a header. */
    @Test
    void resolvesPlainBodiesWithTheFixedWriterSchema() throws IOException {
        AvroBodyResolver resolver = new AvroBodyResolver(null, V1, V2);
        byte[] body = order(V1, "o-3", 5);

        assertThat(read(V2, (byte[]) resolver.call(body).get(0)).get("qty")).isEqualTo(5L);
        assertRejected(resolver.call(Arrays.copyOf(body, 2)), DlqReason.DESERIALIZATION_FAILED, "with the given schema");
    }

    private static void assertRejected(Row row, DlqReason reason, String detail) {
        assertThat(row.get(0)).isNull();
        assertThat(row.getString(1)).isEqualTo(reason.name());
        assertThat(row.getString(2)).contains(detail);
    }

    private static byte[] order(String schemaJson, String id, int qty) throws IOException {
        Schema schema = new Schema.Parser().parse(schemaJson);
        GenericRecord record = new GenericData.Record(schema);
        record.put("id", id);
        record.put("qty", qty);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static GenericRecord read(String schemaJson, byte[] body) throws IOException {
        Schema schema = new Schema.Parser().parse(schemaJson);
        return new GenericDatumReader<GenericRecord>(schema).read(null, DecoderFactory.get().binaryDecoder(body, null));
    }
}
