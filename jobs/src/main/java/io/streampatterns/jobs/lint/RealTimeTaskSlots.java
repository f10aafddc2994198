package io.streampatterns.jobs.lint;

import io.streampatterns.jobs.config.PipelineConfig;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real-Time Mode runs one long-lived task per source partition: with fewer task slots than
 * partitions, the partitions without a slot are silently not read (Spark 4.2 raises no error).
 * The slots come from {@code taskSlots}, else the Spark settings ({@code spark.master=local[N]},
 * {@code spark.cores.max}, {@code spark.executor.instances} × {@code spark.executor.cores}); the
 * partitions from the brokers, when they answer.
 */
final class RealTimeTaskSlots implements LintRule {
    private static final Pattern LOCAL = Pattern.compile("local\\[(\\d+|\\*)(?:,\\s*\\d+)?]|local");

    @Override
    public List<LintProblem> check(PipelineConfig config, LintContext context) {
        if (!config.realTime()) {
            return List.of();
        }
        OptionalInt slots = taskSlots(config);
        if (slots.isEmpty()) {
            context.note(config, "task slots not checked: set taskSlots, spark.master=local[N], spark.cores.max or "
                    + "spark.executor.instances and spark.executor.cores");
            return List.of();
        }
        int partitions;
        try {
            partitions = context.partitions().count(config);
        } catch (IllegalStateException e) {
            context.note(config, "task slots not checked against the topic's partitions: " + e.getMessage());
            return List.of();
        }
        if (slots.getAsInt() >= partitions) {
            return List.of();
        }
        return List.of(new LintProblem(config.file(), config.get("taskSlots").isPresent() ? "taskSlots" : "spark.master",
                slots.getAsInt() + " task slots for " + partitions + " partitions of " + config.get("topic").orElse("?")
                        + "; Real-Time Mode needs a slot per partition (those without one are not read, without an error)"));
    }

    /** The application's task slots, as far as the configuration says. */
    static OptionalInt taskSlots(PipelineConfig config) {
        Optional<Long> explicit = config.number("taskSlots");
        if (explicit.isPresent()) {
            return OptionalInt.of(explicit.get().intValue());
        }
        Optional<String> master = config.get("spark.master");
        if (master.isPresent()) {
            Matcher local = LOCAL.matcher(master.get().strip());
            if (local.matches()) {
                String n = local.group(1);
                return OptionalInt.of(n == null ? 1 : n.equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(n));
            }
        }
        Optional<Long> coresMax = config.number("spark.cores.max");
        if (coresMax.isPresent()) {
            return OptionalInt.of(coresMax.get().intValue());
        }
        Optional<Long> executors = config.number("spark.executor.instances");
        Optional<Long> cores = config.number("spark.executor.cores");
        return executors.isPresent() && cores.isPresent()
                ? OptionalInt.of((int) (executors.get() * cores.get())) : OptionalInt.empty();
    }
}
