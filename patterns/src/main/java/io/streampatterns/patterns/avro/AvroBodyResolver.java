package io.streampatterns.patterns.avro;

import io.streampatterns.core.dlq.DlqReason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Real-Time Mode's Avro decoding step, run on the executors record by record: each value is decoded
 * with its writer schema and written again in the reader schema, or rejected with its reason.
 *
 * <p><b>Why per record, on the executors.</b> The micro-batch pattern collects each batch's schema
 * ids on the driver and builds one {@code from_avro} per id ({@link AvroDecodingSink}), which needs
 * foreachBatch. A real-time batch runs for a whole checkpoint interval with the plan it started
 * with, so an id first seen mid-batch could not get a branch. Here the id is looked up when a record
 * carries it: the task asks the {@link SchemaSource} (a registry is then called from the executors)
 * and keeps the answer for as long as it runs, so a producer's new schema version is read from its
 * first record on. An unknown id is asked again on its next record: it may have been registered since.
 *
 * <p>The result, {@link #RESULT_TYPE}: the body in the reader schema (then read by {@code from_avro},
 * so the JSON has the micro-batch pattern's shape), or a {@link DlqReason} and a detail. A tombstone
 * (null value) stays null with no reason. A schema source that cannot be asked fails the task, as it
 * fails a micro-batch, rather than sending good records to the dead letter queue during an outage.
 */
final class AvroBodyResolver implements UDF1<byte[], Row> {
    private static final long serialVersionUID = 1L;
    static final StructType RESULT_TYPE = new StructType()
            .add("body", DataTypes.BinaryType)
            .add("reason", DataTypes.StringType)
            .add("detail", DataTypes.StringType);

    private final SchemaSource schemas;
    private final String fixedWriterSchema;
    private final String readerSchema;
    private transient Map<Integer, Resolution> resolved;
    private transient Schema reader;

    /** How records of one writer schema become reader-schema bodies, or why they cannot. */
    private record Resolution(GenericDatumReader<Object> datumReader, String problem) {
    }

    /**
     * @param schemas where framed records' writer schemas are found; null for unframed records all
     *     written with {@code fixedWriterSchema}
     */
    AvroBodyResolver(SchemaSource schemas, String fixedWriterSchema, String readerSchema) {
        this.schemas = schemas;
        this.fixedWriterSchema = fixedWriterSchema;
        this.readerSchema = readerSchema;
    }

    @Override
    public Row call(byte[] value) {
        if (value == null) {
            return RowFactory.create(null, null, null);
        }
        if (schemas == null) {
            return rewrite(resolution(-1), value, 0, -1);
        }
        if (value.length < ConfluentWireFormat.HEADER_LENGTH || value[0] != ConfluentWireFormat.MAGIC_BYTE) {
            return rejected(DlqReason.DESERIALIZATION_FAILED, "not in the Confluent wire format: expected magic byte 0"
                    + " and a 4-byte schema id before the Avro body, got " + value.length + " bytes starting 0x"
                    + HexFormat.of().withUpperCase().formatHex(value, 0, Math.min(8, value.length)));
        }
        long id = Integer.toUnsignedLong(ByteBuffer.wrap(value, 1, 4).getInt());
        if (id > Integer.MAX_VALUE) {
            return rejected(DlqReason.UNKNOWN_SCHEMA_ID, "schema id " + id + " is not known to " + schemas);
        }
        Resolution resolution = resolution((int) id);
        if (resolution == null) {
            return rejected(DlqReason.UNKNOWN_SCHEMA_ID, "schema id " + id + " is not known to " + schemas);
        }
        return rewrite(resolution, value, ConfluentWireFormat.HEADER_LENGTH, id);
    }

    /** The record's body read with its writer schema and written in the reader schema, or why not. */
    private Row rewrite(Resolution resolution, byte[] value, int offset, long id) {
        String writer = id < 0 ? "the given schema" : "writer schema id " + id;
        if (resolution.problem() != null) {
            return rejected(DlqReason.DESERIALIZATION_FAILED, resolution.problem());
        }
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(value, offset, value.length - offset, null);
            Object record = resolution.datumReader().read(null, decoder);
            if (!decoder.isEnd()) {
                return rejected(DlqReason.DESERIALIZATION_FAILED, "the Avro body does not decode with " + writer
                        + ": bytes are left after the record");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 16);
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<>(reader()).write(record, encoder);
            encoder.flush();
            return RowFactory.create(out.toByteArray(), null, null);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            return rejected(DlqReason.DESERIALIZATION_FAILED, "the Avro body does not decode with " + writer + ": "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    /** What is known of schema {@code id} (-1: the fixed writer schema); null while the source does not know it. */
    private Resolution resolution(int id) {
        if (resolved == null) {
            resolved = new HashMap<>();
        }
        Resolution known = resolved.get(id);
        if (known != null) {
            return known;
        }
        Optional<String> writer = id < 0 ? Optional.of(fixedWriterSchema) : schemas.schema(id);
        if (writer.isEmpty()) {
            return null;
        }
        known = resolve(id, writer.get());
        resolved.put(id, known);
        return known;
    }

    private Resolution resolve(int id, String writerJson) {
        Schema writer;
        try {
            writer = AvroSchemas.parse(writerJson);
        } catch (RuntimeException e) {
            return new Resolution(null, "writer schema id " + id + " from " + schemas + " does not parse: " + e.getMessage());
        }
        Optional<String> incompatible = AvroSchemas.incompatibility(reader(), writer);
        if (incompatible.isPresent()) {
            return new Resolution(null, (id < 0 ? "the given schema" : "writer schema id " + id)
                    + " cannot be read as the reader schema: " + incompatible.get());
        }
        return new Resolution(new GenericDatumReader<>(writer, reader()), null);
    }

    private Schema reader() {
        if (reader == null) {
            reader = AvroSchemas.parse(readerSchema);
        }
        return reader;
    }

    private static Row rejected(DlqReason reason, String detail) {
        return RowFactory.create(null, reason.name(), detail);
    }
}
