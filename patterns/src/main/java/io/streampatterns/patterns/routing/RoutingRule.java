package io.streampatterns.patterns.routing;

import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;

/**
 * One route: records for which {@code condition} holds go to {@code topic}, either as they are
 * ({@link Kind#FORWARD}) or as dead letters with reason {@code REJECTED_BY_RULE}
 * ({@link Kind#DEAD_LETTER}). A record goes to every route whose condition holds.
 *
 * <p>The condition is evaluated over the event's parsed fields, by name ({@code priority = 'high'}),
 * and the raw Kafka record as the struct {@value MultiTopicRoutingPipeline#KAFKA_COLUMN}
 * ({@code _kafka.partition = 0}). A condition that is null (a field the record lacks) does not hold.
 *
 * <pre>{@code
 * List<RoutingRule> rules = List.of(
 *     RoutingRule.forward("urgent", "priority = 'high'", "urgent-events"),
 *     RoutingRule.deadLetter("errors", "event_type = 'error'", "error-events-dlq"),
 *     RoutingRule.everything("standard", "standard-events"));
 * }</pre>
 *
 * @param name names the rule in problems and in a dead letter's detail
 * @param condition a boolean column over the event's fields
 * @param topic where matching records go
 * @param kind whether they go as they are or as dead letters
 */
public record RoutingRule(String name, Column condition, String topic, Kind kind) {

    /** How a matching record is written. */
    public enum Kind {
        /** The original key, value and headers. */
        FORWARD,
        /** A dead letter: original key, JSON envelope, original plus {@code __connect.errors.*} headers. */
        DEAD_LETTER
    }

    /** The condition of {@link #everything}: recognised by identity, as no other column is known to hold always. */
    private static final Column ALWAYS = lit(true);

    /** Records where the SQL {@code condition} holds go, as they are, to {@code topic}. */
    public static RoutingRule forward(String name, String condition, String topic) {
        return new RoutingRule(name, sql(condition), topic, Kind.FORWARD);
    }

    public static RoutingRule forward(String name, Column condition, String topic) {
        return new RoutingRule(name, condition, topic, Kind.FORWARD);
    }

    /** Records where the SQL {@code condition} holds go to {@code topic} as dead letters. */
    public static RoutingRule deadLetter(String name, String condition, String topic) {
        return new RoutingRule(name, sql(condition), topic, Kind.DEAD_LETTER);
    }

    public static RoutingRule deadLetter(String name, Column condition, String topic) {
        return new RoutingRule(name, condition, topic, Kind.DEAD_LETTER);
    }

    /** Every record goes, as it is, to {@code topic}: the catch-all route. */
    public static RoutingRule everything(String name, String topic) {
        return new RoutingRule(name, ALWAYS, topic, Kind.FORWARD);
    }

    /** Whether this is a catch-all route made by {@link #everything}, so no record can go unrouted. */
    public boolean matchesEverything() {
        return condition == ALWAYS;
    }

    /** The condition as text, for a dead letter's detail and for people. */
    public String describeCondition() {
        return matchesEverything() ? "true" : String.valueOf(condition);
    }

    private static Column sql(String condition) {
        return condition == null || condition.isBlank() ? null : expr(condition);
    }

    /**
     * Problems with a list of rules, each naming the rule and what was expected; empty when valid.
     * Two rules may not share a name (dead letters name their rule) nor a topic (a record matching
     * both would be written twice there, or events and dead letters would mix).
     *
     * @param inputTopic the topic the rules route from: no rule may write back into it
     */
    public static List<String> problems(List<RoutingRule> rules, String inputTopic) {
        List<String> problems = new ArrayList<>();
        if (rules == null || rules.isEmpty()) {
            problems.add("routes: expected at least one routing rule, got none");
            return problems;
        }
        Set<String> names = new HashSet<>();
        Map<String, String> ruleByTopic = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            RoutingRule rule = rules.get(i);
            if (rule == null) {
                problems.add("routes[" + i + "]: expected a rule, got null");
                continue;
            }
            String label = rule.name() == null || rule.name().isBlank() ? "routes[" + i + "]" : "route '" + rule.name() + "'";
            if (rule.name() == null || rule.name().isBlank()) {
                problems.add(label + ": expected a name, got nothing");
            } else if (!names.add(rule.name())) {
                problems.add(label + ": the name is used by another rule; expected unique names");
            }
            if (rule.condition() == null) {
                problems.add(label + ": expected a condition (SQL or a Column), got nothing");
            }
            if (rule.kind() == null) {
                problems.add(label + ": expected a kind, FORWARD or DEAD_LETTER, got none");
            }
            if (rule.topic() == null || rule.topic().isBlank()) {
                problems.add(label + ": expected a topic, got nothing");
                continue;
            }
            if (rule.topic().equals(inputTopic)) {
                problems.add(label + ": topic '" + rule.topic()
                        + "' is the input topic; its records would be routed again forever");
            }
            String other = ruleByTopic.putIfAbsent(rule.topic(), label);
            if (other != null) {
                problems.add(label + ": topic '" + rule.topic() + "' is also the topic of " + other
                        + "; a record matching both would be written there twice; combine their conditions");
            }
        }
        return problems;
    }
}
