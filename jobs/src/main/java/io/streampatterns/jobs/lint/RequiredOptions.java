package io.streampatterns.jobs.lint;

import io.streampatterns.jobs.config.PipelineConfig;
import io.streampatterns.jobs.config.PatternNames;
import java.util.ArrayList;
import java.util.List;

/** What every configuration must say: which pattern, which brokers, which topic. */
final class RequiredOptions implements LintRule {
    @Override
    public List<LintProblem> check(PipelineConfig config, LintContext context) {
        List<LintProblem> problems = new ArrayList<>();
        String pattern = config.get("pattern").orElse("");
        if (!PatternNames.ALL.contains(pattern)) {
            problems.add(new LintProblem(config.file(), "pattern", (pattern.isEmpty() ? "not set" : "'" + pattern + "'")
                    + "; expected one of " + String.join(", ", PatternNames.ALL)));
        }
        for (String key : List.of("bootstrapServers", "topic")) {
            if (config.get(key).isEmpty()) {
                problems.add(new LintProblem(config.file(), key, "not set"));
            }
        }
        return problems;
    }
}
