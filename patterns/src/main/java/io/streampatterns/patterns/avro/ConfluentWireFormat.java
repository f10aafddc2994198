package io.streampatterns.patterns.avro;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.conv;
import static org.apache.spark.sql.functions.hex;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.nio.ByteBuffer;
import org.apache.spark.sql.Column;

/**
 * The Confluent wire format that most Avro topics carry: a magic byte 0, the writer schema's id as a
 * 4-byte big-endian integer, then the Avro binary body. {@code from_avro} reads only the body, so
 * the 5-byte header must be taken off first, and the id tells which writer schema the body needs.
 */
public final class ConfluentWireFormat {
    /** The first byte of every framed record. */
    public static final byte MAGIC_BYTE = 0;
    /** Magic byte and schema id. */
    public static final int HEADER_LENGTH = 5;

    private ConfluentWireFormat() {
    }

    /** Frames an Avro binary body written with schema {@code schemaId}, as a Confluent serializer would. */
    public static byte[] frame(int schemaId, byte[] avroBody) {
        return ByteBuffer.allocate(HEADER_LENGTH + avroBody.length)
                .put(MAGIC_BYTE).putInt(schemaId).put(avroBody).array();
    }

    /** Whether a binary column holds at least a header that starts with the magic byte; false for null. */
    static Column isFramed(Column value) {
        return coalesce(length(value).geq(HEADER_LENGTH).and(value.substr(1, 1).equalTo(lit(new byte[] {MAGIC_BYTE}))),
                lit(false));
    }

    /**
     * The schema id of a framed record, as a long (an unsigned read of the 4 bytes never overflows);
     * null for a record that is not framed, which would otherwise fail the cast in ANSI mode.
     */
    static Column schemaId(Column value) {
        return when(isFramed(value), conv(hex(value.substr(2, 4)), 16, 10).cast("long"));
    }

    /** The Avro body of a framed record. */
    static Column body(Column value) {
        return value.substr(HEADER_LENGTH + 1, Integer.MAX_VALUE);
    }

    /** The first bytes of a value, in hex, for a dead letter's detail. */
    static Column firstBytesHex(Column value) {
        return hex(value.substr(1, 8));
    }
}
