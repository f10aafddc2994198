package io.streampatterns.harness.conformance.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.streampatterns.harness.conformance.CheckResult;
import io.streampatterns.harness.conformance.ConformanceReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code report.json}: one entry per pattern and check, with pattern, check, status, message and figures. */
public final class JsonReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    public static String render(ConformanceReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("kafka", report.kafka());
        root.put("started_at", report.startedAt().toString());
        root.put("seconds", report.took().toSeconds());
        root.put("passed", report.passed());
        List<Map<String, Object>> results = report.results().stream().map(JsonReport::entry).toList();
        root.put("results", results);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the JSON report", e);
        }
    }

    private static Map<String, Object> entry(CheckResult result) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("pattern", result.pattern());
        entry.put("check", result.check());
        entry.put("status", result.status().name());
        entry.put("message", result.message());
        entry.put("figures", result.figures());
        entry.put("seconds", result.took().toMillis() / 1000.0);
        return entry;
    }
}
