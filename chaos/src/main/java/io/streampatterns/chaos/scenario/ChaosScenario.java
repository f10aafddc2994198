package io.streampatterns.chaos.scenario;

import io.streampatterns.core.Sink.DeliveryGuarantee;
import io.streampatterns.harness.conformance.OutputLocation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A chaos scenario, written once as a short script and applied to any pattern: how long to produce
 * and which faults to inject when.
 *
 * <p>Times count from the moment the pipeline is warm (it has committed a batch and caught up with
 * its input), so that faults strike a pipeline in its steady state: its cold start (a JVM, Spark, the
 * first Delta commit, the backlog they leave) is not what a scenario measures.
 *
 * <p>A script is a list of statements separated by {@code ;} or new lines ({@code #} starts a comment line):
 * <pre>
 * produce 30s                              minimum production time (default 30 s) once warm;
 *                                          production also goes on until a few seconds
 *                                          after the last step
 * at 8s..14s kill broker:controller        at a random time 8-14 s after the pipeline is warm
 * +12s start broker:controller             12 s after the previous step finished
 * +4s..10s mid-batch kill driver           then wait for a batch in flight before killing
 * start driver                             no time: right after the previous step; waits until the
 *                                          driver runs and has committed a batch
 * await in-sync                            until every replica of the run's topics is in sync
 * </pre>
 * Actions: {@code kill} (SIGKILL), {@code stop} (SIGTERM), {@code pause} (SIGSTOP), {@code resume}
 * (SIGCONT), {@code start}, {@code await}. Targets: {@code driver}, {@code broker:controller},
 * {@code broker:leader}, {@code broker:txn-coordinator}, {@code broker:random}, {@code broker:1..3}, {@code in-sync}; see
 * {@link FaultTarget}. Durations are written {@code 500ms}, {@code 8s}, {@code 1.5s} or {@code 1m}.
 *
 * @param name the scenario's name in reports and in {@code CHAOS_SCENARIOS}
 * @param description one sentence: what it does, for the report
 * @param production the minimum time to produce input once the pipeline is warm
 * @param steps the steps, in order
 */
public record ChaosScenario(String name, String description, Duration production, List<FaultStep> steps) {

    /** How long a script produces when it does not say. */
    public static final Duration DEFAULT_PRODUCTION = Duration.ofSeconds(30);

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)");

    public ChaosScenario {
        if (!name.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("scenario name '" + name + "': expected lower-case letters, digits and dashes");
        }
        if (production.isZero() || production.isNegative()) {
            throw new IllegalArgumentException("scenario '" + name + "': production must be longer than zero");
        }
        steps = List.copyOf(steps);
    }

    /**
     * Reads a scenario script (see the class comment).
     *
     * @throws IllegalArgumentException naming the scenario, the statement and what was expected
     */
    public static ChaosScenario parse(String name, String description, String script) {
        Duration production = null;
        List<FaultStep> steps = new ArrayList<>();
        List<String> statements = Arrays.stream(script.split("[;\\n]")).map(String::strip)
                .filter(s -> !s.isEmpty() && !s.startsWith("#")).toList();
        for (String statement : statements) {
            try {
                String[] tokens = statement.split("\\s+");
                if (tokens[0].equals("produce")) {
                    if (production != null) {
                        throw new IllegalArgumentException("production is already set");
                    }
                    expectLength(tokens, 2, "produce <duration>");
                    production = duration(tokens[1]);
                } else {
                    steps.add(step(tokens));
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("scenario '" + name + "', statement '" + statement + "': " + e.getMessage(), e);
            }
        }
        return new ChaosScenario(name, description, production == null ? DEFAULT_PRODUCTION : production, steps);
    }

    private static FaultStep step(String[] tokens) {
        int i = 0;
        boolean relative = true;
        String window = "0s";
        if (tokens[0].equals("at")) {
            if (tokens.length < 2) {
                throw new IllegalArgumentException("expected a time after 'at', e.g. 'at 10s' or 'at 8s..14s'");
            }
            relative = false;
            window = tokens[1];
            i = 2;
        } else if (tokens[0].startsWith("+")) {
            window = tokens[0].substring(1);
            i = 1;
        }
        boolean midBatch = i < tokens.length && tokens[i].equals("mid-batch");
        if (midBatch) {
            i++;
        }
        expectLength(tokens, i + 2, "[at <time> | +<time>] [mid-batch] <action> <target>");
        String[] bounds = window.split("\\.\\.", -1);
        if (bounds.length > 2) {
            throw new IllegalArgumentException("time '" + window + "': expected <time> or <earliest>..<latest>");
        }
        Duration earliest = duration(bounds[0]);
        Duration latest = bounds.length == 2 ? duration(bounds[1]) : earliest;
        StepTime when = new StepTime(relative, earliest, latest, midBatch);
        String actionWord = tokens[i];
        FaultAction action = FaultAction.ofWord(actionWord).orElseThrow(() -> new IllegalArgumentException(
                "unknown action '" + actionWord + "': expected one of "
                        + Arrays.stream(FaultAction.values()).map(FaultAction::word).toList()));
        return new FaultStep(when, action, FaultTarget.parse(tokens[i + 1]));
    }

    private static void expectLength(String[] tokens, int length, String form) {
        if (tokens.length != length) {
            throw new IllegalArgumentException("expected '" + form + "'");
        }
    }

    /** {@code 500ms}, {@code 8s}, {@code 1.5s}, {@code 1m}. */
    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("duration '" + text + "': expected a number and ms, s or m, e.g. 8s");
        }
        double value = Double.parseDouble(m.group(1));
        double millis = switch (m.group(2)) {
            case "ms" -> value;
            case "s" -> value * 1_000;
            default -> value * 60_000;
        };
        return Duration.ofMillis(Math.round(millis));
    }

    /** How many steps inject a fault (kill, stop, pause). */
    public long faultCount() {
        return steps.stream().filter(s -> s.action().isFault()).count();
    }

    /**
     * Whether a step strikes the coordinator of the pipeline's Kafka transactions: such a scenario
     * means something only for a pipeline that writes its output in Kafka transactions.
     */
    public boolean needsKafkaTransactions() {
        return steps.stream().anyMatch(s -> s.target().kind() == FaultTarget.Kind.BROKER_TXN_COORDINATOR);
    }

    /** Whether a step strikes an executor or a worker: such a scenario needs a Spark cluster the kit started. */
    public boolean needsSparkCluster() {
        return steps.stream().anyMatch(s -> s.target().isSparkCluster());
    }

    /**
     * Why this scenario means nothing for a pipeline with this output and guarantee; empty when it
     * applies. Only a scenario that strikes the transaction coordinator has a requirement: a Kafka
     * topic promised exactly once, which is written in Kafka transactions.
     */
    public Optional<String> notApplicableBecause(OutputLocation output, DeliveryGuarantee guarantee) {
        boolean transactional = output instanceof OutputLocation.KafkaTopic && guarantee == DeliveryGuarantee.EXACTLY_ONCE;
        if (!needsKafkaTransactions() || transactional) {
            return Optional.empty();
        }
        return Optional.of("the pattern writes no Kafka transactions (its output is a " + output.describe() + ", "
                + guarantee + "): there is no transaction coordinator to kill");
    }

    /** The scenario as a script again, one statement per line. */
    public String script() {
        StringBuilder script = new StringBuilder("produce " + StepTime.seconds(production));
        steps.forEach(step -> script.append("; ").append(step));
        return script.toString();
    }
}
