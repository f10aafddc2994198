package io.streampatterns.jobs.lint;

import io.streampatterns.jobs.config.PatternNames;
import io.streampatterns.jobs.config.PipelineConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What every configuration must say: which pattern, which brokers, which topic; and what its pattern
 * cannot run without, the options without a default (its schema, where its output goes), so that a
 * file lint passes is not refused by {@code run} for a missing key.
 */
final class RequiredOptions implements LintRule {
    /** A pattern's own required keys; {@code a|b}: one of them; {@code route.*}: a key of that prefix. */
    private static final Map<String, List<String>> OWN = Map.of(
            "bronze", List.of("eventSchema", "tablePath"),
            "enrichment", List.of("eventSchema", "outputTopic", "dimensionTablePath|dimensionTable"),
            "realtime", List.of("eventSchema", "outputTopic"),
            "metrics", List.of("eventSchema", "outputTopic"),
            "schema-validation", List.of("eventSchema", "validTopic|validTablePath", "dlqTopic"),
            "schema-validation-realtime", List.of("eventSchema", "validTopic", "dlqTopic"),
            "routing", List.of("eventSchema", "route.*|deadLetterRoute.*"),
            "avro", List.of("outputTopic", "avroSchemaFile|schemaRegistryUrl"),
            "secured", List.of("eventSchema", "outputTopic"));

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
        for (String required : OWN.getOrDefault(pattern, List.of())) {
            List<String> keys = List.of(required.split("\\|"));
            if (keys.stream().noneMatch(key -> set(config, key))) {
                String option = String.join(" or ", keys.stream().map(key -> key.replace(".*", ".<topic>")).toList());
                problems.add(new LintProblem(config.file(), option, (keys.size() == 1 ? "not set" : "none set")
                        + "; pattern " + pattern + " cannot run without " + (keys.size() == 1 ? "it" : "one")));
            }
        }
        return problems;
    }

    private static boolean set(PipelineConfig config, String key) {
        if (key.endsWith(".*")) {
            String prefix = key.substring(0, key.length() - 1);
            return config.all().entrySet().stream().anyMatch(e -> e.getKey().startsWith(prefix) && !e.getValue().isBlank());
        }
        return config.get(key).isPresent();
    }
}
