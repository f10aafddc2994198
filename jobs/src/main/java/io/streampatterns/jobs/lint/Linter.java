package io.streampatterns.jobs.lint;

import io.streampatterns.jobs.config.InvalidConfigException;
import io.streampatterns.jobs.config.PipelineConfig;
import java.util.ArrayList;
import java.util.List;

/** Runs every {@link LintRule} over configurations linted together. */
public final class Linter {
    /** Every rule, in the order their problems are listed. */
    static final List<LintRule> RULES = List.of(new RequiredOptions(), new TriggerWithinSlaThird(), new BatchCapSet(),
            new RealTimeTaskSlots(), new LatestOffsetsOnFirstRun(), new SharedCheckpoint(), new ProducerAcksAll(),
            new SecretsFromAProvider());

    private final PartitionCounter partitions;

    public Linter(PartitionCounter partitions) {
        this.partitions = partitions;
    }

    /** The problems of {@code configs}, and notes on what could not be checked. */
    public LintResult lint(List<PipelineConfig> configs) {
        LintContext context = new LintContext(configs, partitions);
        List<LintProblem> problems = new ArrayList<>();
        for (PipelineConfig config : configs) {
            for (LintRule rule : RULES) {
                try {
                    problems.addAll(rule.check(config, context));
                } catch (InvalidConfigException e) {
                    // A value no rule can read (sla=soon) is a problem of its own, said once however many rules read it.
                    LintProblem unreadable = new LintProblem(e.file(), e.key(), e.detail());
                    if (!problems.contains(unreadable)) {
                        problems.add(unreadable);
                    }
                }
            }
        }
        return new LintResult(problems, context.notes());
    }

    /** @param problems what fails the lint; @param notes what could not be checked, and why */
    public record LintResult(List<LintProblem> problems, List<String> notes) {
        public boolean clean() {
            return problems.isEmpty();
        }
    }
}
