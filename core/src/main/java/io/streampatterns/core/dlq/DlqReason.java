package io.streampatterns.core.dlq;

/** Why a record went to the dead letter queue. The name is the code written with the record. */
public enum DlqReason {
    /** The value is not JSON at all. */
    MALFORMED_JSON,
    /** The value is JSON, but a field has the wrong type or the document the wrong shape. */
    SCHEMA_VALIDATION_FAILED,
    /** A field the schema requires is absent or null. */
    MISSING_REQUIRED_FIELD,
    /** The value could not be decoded from its wire format (for example Avro). */
    DESERIALIZATION_FAILED,
    /** The value names a schema id the schema source does not know. */
    UNKNOWN_SCHEMA_ID,
    /** The record is well formed but a business rule routes it aside (for example error events). */
    REJECTED_BY_RULE
}
