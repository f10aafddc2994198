package io.streampatterns.patterns.avro;

import java.io.Serializable;
import java.util.Optional;

/**
 * Where the writer schemas of Confluent wire-format records are found, by the schema id each
 * record carries: a local map ({@link LocalSchemaSource}) or a schema registry
 * ({@link SchemaRegistrySchemaSource}).
 *
 * <p>Asked on the driver, once per new id in a micro-batch; a known id's schema never changes (a
 * registry assigns a new id to a new schema), so an answer for it is kept.
 */
public interface SchemaSource extends Serializable {

    /**
     * The Avro schema (JSON) registered under {@code id}.
     *
     * @return empty when the source definitely does not know the id: its records go to the dead
     *     letter queue as UNKNOWN_SCHEMA_ID
     * @throws SchemaSourceException when the source could not be asked (a registry that does not
     *     answer): the micro-batch fails and is retried on restart, rather than sending good records
     *     to the dead letter queue during an outage
     */
    Optional<String> schema(int id);
}
