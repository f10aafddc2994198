package io.streampatterns.jobs.run;

import io.streampatterns.core.StreamingPattern;
import io.streampatterns.core.secrets.SecretProvider;
import io.streampatterns.jobs.config.PipelineConfig;
import io.streampatterns.patterns.routing.MultiTopicRoutingPipeline;
import io.streampatterns.patterns.routing.RoutingRule;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser;

/**
 * Multi-topic routing, a key per route: the shared options, {@code eventSchema},
 * {@code route.<topic>=<SQL condition>} (the records it holds for go to the topic as they are;
 * {@code true} routes every record), {@code deadLetterRoute.<topic>=<SQL condition>} (they go there
 * as dead letters), {@code unmatchedTopic}, {@code dropUnmatched}. A route is named after its topic.
 */
final class RoutingJob implements PatternJob {
    static final String ROUTE = "route.";
    static final String DEAD_LETTER_ROUTE = "deadLetterRoute.";
    /** Spark's SQL parser, without a session: a condition that does not parse is refused before anything starts. */
    private static final CatalystSqlParser SQL = new CatalystSqlParser();

    @Override
    public String pattern() {
        return "routing";
    }

    @Override
    public StreamingPattern build(PipelineConfig config, SecretProvider secrets) {
        MultiTopicRoutingPipeline.Builder builder = ConfiguredOptions.apply(config, MultiTopicRoutingPipeline.builder(), secrets)
                .eventSchema(ConfiguredOptions.eventSchema(config));
        config.all().forEach((key, condition) -> {
            if (key.startsWith(ROUTE)) {
                builder.route(rule(config, key, ROUTE, condition));
            } else if (key.startsWith(DEAD_LETTER_ROUTE)) {
                builder.route(rule(config, key, DEAD_LETTER_ROUTE, condition));
            }
        });
        config.get("unmatchedTopic").ifPresent(builder::unmatchedTopic);
        if (config.bool("dropUnmatched").orElse(false)) {
            builder.dropUnmatched();
        }
        return builder.build();
    }

    /** The route of {@code prefix<topic>=condition}, its condition parsed here so that a typo names its key. */
    private static RoutingRule rule(PipelineConfig config, String key, String prefix, String condition) {
        String topic = key.substring(prefix.length());
        if (topic.isBlank()) {
            throw config.invalid(key, condition, "a topic after " + prefix + ", as in " + prefix + "<topic>=<SQL condition>");
        }
        boolean forward = prefix.equals(ROUTE);
        if (forward && condition.equalsIgnoreCase("true")) {
            return RoutingRule.everything(topic, topic);
        }
        try {
            SQL.parseExpression(condition);
        } catch (Exception e) {
            throw config.invalid(key, condition, "a SQL condition over the event's fields"
                    + (forward ? ", or true for every record" : "") + " (" + ConfiguredOptions.firstLine(e) + ")");
        }
        return forward ? RoutingRule.forward(topic, condition, topic) : RoutingRule.deadLetter(topic, condition, topic);
    }
}
