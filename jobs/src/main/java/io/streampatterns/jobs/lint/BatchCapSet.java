package io.streampatterns.jobs.lint;

import io.streampatterns.jobs.config.PipelineConfig;
import java.util.List;

/**
 * A micro-batch pipeline without {@code maxOffsetsPerTrigger} reads a whole backlog in one batch
 * after an outage: a batch many times the usual size, slow, and large enough to exhaust memory.
 * The patterns default to 50,000; the configuration should say what one interval can process.
 * Real-Time Mode has no batch cap and is not asked for one.
 */
final class BatchCapSet implements LintRule {
    @Override
    public List<LintProblem> check(PipelineConfig config, LintContext context) {
        if (config.realTime() || config.get("maxOffsetsPerTrigger").isPresent()) {
            return List.of();
        }
        return List.of(new LintProblem(config.file(), "maxOffsetsPerTrigger", "not set; expected the records one "
                + "trigger interval can process, so that a backlog drains in batches of a known size"));
    }
}
