package io.streampatterns.harness.conformance;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a check found, before the suite stamps it with pattern, check name and duration.
 * Checks build one with {@link #pass}/{@link #fail} and add figures.
 */
public final class Outcome {
    private final boolean passed;
    private final String message;
    private final String keyFigure;
    private final Map<String, Object> figures = new LinkedHashMap<>();

    private Outcome(boolean passed, String message, String keyFigure) {
        this.passed = passed;
        this.message = message;
        this.keyFigure = keyFigure;
    }

    public static Outcome pass(String message, String keyFigure) {
        return new Outcome(true, message, keyFigure);
    }

    public static Outcome fail(String message, String keyFigure) {
        return new Outcome(false, message, keyFigure);
    }

    public static Outcome of(boolean passed, String message, String keyFigure) {
        return new Outcome(passed, message, keyFigure);
    }

    public boolean passed() {
        return passed;
    }

    /** What was expected and what was seen. */
    public String message() {
        return message;
    }

    public String keyFigure() {
        return keyFigure;
    }

    public Map<String, Object> figures() {
        return java.util.Collections.unmodifiableMap(figures);
    }

    /** Adds a figure: a number, a string, or a list of numbers (a series for a chart). */
    public Outcome figure(String name, Object value) {
        figures.put(name, value);
        return this;
    }

    CheckResult toResult(String pattern, String check, java.time.Duration took) {
        return new CheckResult(pattern, check, passed ? CheckStatus.PASS : CheckStatus.FAIL, message, keyFigure,
                figures, took);
    }
}
