package io.streampatterns.patterns.avro;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.spark.sql.api.java.UDF2;

/**
 * Says why an Avro body did not decode, by decoding it again with Avro itself: from_avro in
 * PERMISSIVE mode only returns nulls. Runs for rejected records only, so its cost does not matter.
 */
final class AvroDecodeDiagnosis implements UDF2<byte[], String, String> {
    private static final long serialVersionUID = 1L;

    private final String readerSchema;
    private transient Map<String, Schema> parsed;

    AvroDecodeDiagnosis(String readerSchema) {
        this.readerSchema = readerSchema;
    }

    @Override
    public String call(byte[] body, String writerSchema) {
        if (body == null || writerSchema == null) {
            return "no body or no writer schema";
        }
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(body, null);
            new GenericDatumReader<Object>(schema(writerSchema), schema(readerSchema)).read(null, decoder);
            return decoder.isEnd() ? "Avro decodes it, but Spark could not convert it to the reader schema's types"
                    : "Avro decodes it, but bytes are left after the record";
        } catch (Exception | StackOverflowError e) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
    }

    private Schema schema(String json) {
        if (parsed == null) {
            parsed = new ConcurrentHashMap<>();
        }
        return parsed.computeIfAbsent(json, text -> new Schema.Parser().parse(text));
    }
}
