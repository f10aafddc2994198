package io.streampatterns.harness.conformance;

import java.util.Optional;

/**
 * One promise, checked the same way on every pipeline that makes it. A check is written once against
 * {@link PipelineUnderTest}; a pipeline that does not declare what the check needs is skipped with
 * the reason, never silently.
 *
 * <p>To add a check, write one class implementing this, list it in {@link ConformanceChecks} and
 * give {@link PipelineConformanceSuite} a test method for it; ship a broken pipeline that fails it.
 */
public interface ConformanceCheck {

    /** Short name for tables and file names, e.g. {@code delivery} or {@code data-loss}. */
    String name();

    /** The name of its test method in {@link PipelineConformanceSuite}: the name in camel case ({@code dataLoss}). */
    default String testMethodName() {
        StringBuilder method = new StringBuilder();
        boolean upper = false;
        for (char c : name().toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                method.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return method.toString();
    }

    /** What the check proves, in one sentence, for the report. */
    String description();

    /** Why this check does not apply to {@code pipeline}; empty when it does. */
    Optional<String> notApplicableBecause(PipelineUnderTest pipeline);

    /** Runs the check on fresh resources from {@code env}. Throwing is reported as a FAIL with the error. */
    Outcome run(PipelineUnderTest pipeline, ConformanceEnvironment env) throws Exception;
}
