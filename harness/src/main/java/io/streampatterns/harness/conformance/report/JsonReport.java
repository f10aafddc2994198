package io.streampatterns.harness.conformance.report;

import io.streampatterns.harness.conformance.CheckResult;
import io.streampatterns.harness.conformance.ConformanceReport;
import io.streampatterns.harness.report.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code report.json}: one entry per pattern and check, with pattern, check, status, message and figures. */
public final class JsonReport {

    private JsonReport() {
    }

    public static String render(ConformanceReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("kafka", report.kafka());
        root.put("started_at", report.startedAt().toString());
        root.put("seconds", report.took().toSeconds());
        root.put("passed", report.passed());
        root.put("results", report.results().stream().map(JsonReport::entry).toList());
        return Json.write(root);
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
