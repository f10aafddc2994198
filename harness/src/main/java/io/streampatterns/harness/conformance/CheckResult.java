package io.streampatterns.harness.conformance;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One cell of the report: a pattern, a check, its status, a message that says what was expected and
 * what was seen, and the figures behind it (numbers, or lists of numbers for charts).
 *
 * @param keyFigure the one figure a table cell shows, e.g. {@code 20000/20000} or {@code p99 840 ms}
 */
public record CheckResult(String pattern, String check, CheckStatus status, String message, String keyFigure,
                          Map<String, Object> figures, Duration took) {

    public CheckResult {
        figures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(figures));
    }

    public static CheckResult notApplicable(String pattern, String check, String reason) {
        return new CheckResult(pattern, check, CheckStatus.NOT_APPLICABLE, reason, "", Map.of(), Duration.ZERO);
    }

    /** A check that threw: a failure whose message is the exception's, so nothing fails silently. */
    public static CheckResult crashed(String pattern, String check, Throwable error, Duration took) {
        String message = "check could not complete: " + error.getClass().getSimpleName() + ": " + error.getMessage();
        return new CheckResult(pattern, check, CheckStatus.FAIL, message, "error", Map.of(), took);
    }
}
