package io.streampatterns.core.dlq;

/** Why a record went to the dead letter queue. The name is the code written with the record. */
public enum DlqReason {
    /** The value is not JSON at all. */
    MALFORMED_JSON,
    /** The value's bytes are not well-formed UTF-8 (I-JSON, RFC 7493 section 2.1). */
    INVALID_UTF8,
    /** The value begins with a byte order mark, which JSON text exchanged between systems must not (RFC 8259 section 8.1). */
    BYTE_ORDER_MARK,
    /** An object has two members of the same name (I-JSON, RFC 7493 section 2.3). */
    DUPLICATE_MEMBER_NAME,
    /** A number is beyond what an IEEE 754 double holds as a finite value (I-JSON, RFC 7493 section 2.2). */
    NUMBER_OUT_OF_RANGE,
    /** An integer is outside the range of its field's declared type (an int field given 3000000000). */
    INTEGER_OUT_OF_RANGE,
    /** The value is JSON, but a field has the wrong type or the document the wrong shape. */
    SCHEMA_VALIDATION_FAILED,
    /** A field the schema requires is absent or null. */
    MISSING_REQUIRED_FIELD,
    /** The value could not be decoded from its wire format (for example Avro). */
    DESERIALIZATION_FAILED,
    /** The value names a schema id the schema source does not know. */
    UNKNOWN_SCHEMA_ID,
    /** The record is well formed but a business rule routes it aside (for example error events). */
    REJECTED_BY_RULE,
    /** The pattern's own per-record function threw on the record; the detail is the exception's class and message. */
    TRANSFORMATION_FAILED
}
