package io.streampatterns.harness.conformance;

import io.streampatterns.core.StreamingPattern;
import java.util.Optional;

/**
 * One promise, checked the same way on every pattern that makes it. A check is written once against
 * {@link PatternFixture}; a pattern that does not declare what the check needs gets
 * NOT_APPLICABLE with the reason, never a silent skip.
 *
 * <p>To add a check, write one class implementing this and list it in {@link ConformanceChecks}.
 */
public interface ConformanceCheck {

    /** Short name for tables and file names, e.g. {@code delivery}. */
    String name();

    /** What the check proves, in one sentence, for the report. */
    String description();

    /** Why this check does not apply to {@code pattern}; empty when it does. */
    Optional<String> notApplicableBecause(StreamingPattern pattern);

    /** Runs the check on fresh resources from {@code env}. Throwing is reported as a FAIL with the error. */
    Outcome run(PatternFixture fixture, ConformanceEnvironment env) throws Exception;
}
