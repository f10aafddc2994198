package io.streampatterns.harness.conformance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A {@link CheckResult} as one line of JSON, so it can travel in a JUnit report entry to a listener. */
public final class CheckResultJson {

    private CheckResultJson() {
    }

    public static String write(CheckResult result) {
        ObjectNode node = Json.MAPPER.createObjectNode()
                .put("pattern", result.pattern())
                .put("check", result.check())
                .put("status", result.status().name())
                .put("message", result.message())
                .put("keyFigure", result.keyFigure())
                .put("tookMillis", result.took().toMillis());
        node.set("figures", Json.MAPPER.valueToTree(result.figures()));
        return node.toString();
    }

    @SuppressWarnings("unchecked")
    public static CheckResult read(String json) {
        try {
            JsonNode node = Json.MAPPER.readTree(json);
            Map<String, Object> figures = Json.MAPPER.convertValue(node.path("figures"), LinkedHashMap.class);
            return new CheckResult(node.path("pattern").asText(), node.path("check").asText(),
                    CheckStatus.valueOf(node.path("status").asText()), node.path("message").asText(),
                    node.path("keyFigure").asText(), figures == null ? Map.of() : figures,
                    Duration.ofMillis(node.path("tookMillis").asLong()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a conformance result: " + json, e);
        }
    }
}
