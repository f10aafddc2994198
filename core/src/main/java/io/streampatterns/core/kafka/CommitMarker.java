package io.streampatterns.core.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;

/**
 * What a slice of a micro-batch wrote, recorded in the same Kafka transaction as its records: the
 * marker is visible to a {@code read_committed} reader exactly when the records are.
 *
 * @param transactionalId the producer's {@code transactional.id}, one per query and slice
 * @param batchId the micro-batch
 * @param slice the slice (the batch's partition) this marker belongs to
 * @param slices how many slices the batch was cut into
 * @param records how many records the slice wrote
 */
public record CommitMarker(String transactionalId, long batchId, int slice, int slices, long records) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The marker as the JSON value of its record. */
    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(JSON.createObjectNode()
                    .put("transactional_id", transactionalId).put("batch_id", batchId)
                    .put("slice", slice).put("slices", slices).put("records", records));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a commit marker could not be written as JSON", e);
        }
    }

    /**
     * Reads a marker back.
     *
     * @throws IllegalStateException when {@code json} is not a marker, naming where it was found
     */
    public static CommitMarker fromJson(byte[] json, String where) {
        try {
            JsonNode node = JSON.readTree(new String(json, StandardCharsets.UTF_8));
            if (node == null || !node.hasNonNull("transactional_id") || !node.hasNonNull("batch_id")) {
                throw new IllegalStateException("not a commit marker at " + where + ": expected transactional_id and batch_id");
            }
            return new CommitMarker(node.get("transactional_id").asText(), node.get("batch_id").asLong(),
                    node.path("slice").asInt(-1), node.path("slices").asInt(-1), node.path("records").asLong(-1));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not a commit marker at " + where + ": not JSON", e);
        }
    }
}
