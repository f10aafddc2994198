package io.streampatterns.jobs.lint;

import io.streampatterns.jobs.config.PipelineConfig;
import java.util.List;

/**
 * One check of a configuration, run before anything starts. A new rule is one class implementing
 * this, listed in {@link Linter#RULES}, with a test giving a configuration it refuses.
 */
public interface LintRule {
    /** The problems {@code config} has under this rule; empty when none. */
    List<LintProblem> check(PipelineConfig config, LintContext context);
}
