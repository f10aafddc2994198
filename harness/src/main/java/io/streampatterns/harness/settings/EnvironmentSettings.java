package io.streampatterns.harness.settings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed settings read from environment variables ({@code CONFORMANCE_*}, {@code CHAOS_*},
 * {@code BENCH_*}). A value that is not what the setting takes is refused with the variable's name,
 * what was expected and what was given, e.g. {@code BENCH_BACKLOG: expected a whole number of at
 * least 1, got 'abc'}; an unset or blank variable means the default.
 *
 * <pre>{@code
 * EnvironmentSettings env = new EnvironmentSettings(System.getenv());
 * long seed = env.wholeNumber("CHAOS_SEED", 42);
 * boolean quick = env.flag("BENCH_QUICK", false);
 * }</pre>
 */
public final class EnvironmentSettings {
    private static final List<String> TRUE = List.of("1", "true", "yes");
    private static final List<String> FALSE = List.of("0", "false", "no");

    private final Map<String, String> environment;

    public EnvironmentSettings(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The variable's value, stripped; empty when unset or blank. */
    public Optional<String> text(String name) {
        return Optional.ofNullable(environment.get(name)).map(String::strip).filter(value -> !value.isEmpty());
    }

    /** 1, true or yes; 0, false or no (any case). */
    public boolean flag(String name, boolean otherwise) {
        return text(name).map(value -> {
            if (TRUE.contains(value.toLowerCase(java.util.Locale.ROOT))) {
                return true;
            }
            if (FALSE.contains(value.toLowerCase(java.util.Locale.ROOT))) {
                return false;
            }
            throw refused(name, "1, true or yes, or 0, false or no", value);
        }).orElse(otherwise);
    }

    /** Any whole number. */
    public long wholeNumber(String name, long otherwise) {
        return wholeNumber(name, Long.MIN_VALUE, Long.MAX_VALUE, otherwise);
    }

    /** A whole number from {@code atLeast} to {@code atMost}. */
    public long wholeNumber(String name, long atLeast, long atMost, long otherwise) {
        return text(name).map(value -> parse(name, value, value, atLeast, atMost, "a whole number")).orElse(otherwise);
    }

    /** Comma-separated whole numbers from {@code atLeast} to {@code atMost}, in the order given. */
    public List<Long> wholeNumbers(String name, long atLeast, long atMost, List<Long> otherwise) {
        return text(name).map(value -> items(value).stream()
                        .map(item -> parse(name, item, value, atLeast, atMost, "comma-separated whole numbers")).toList())
                .orElse(otherwise);
    }

    /** Comma-separated names, stripped, in the order given, each once; {@code otherwise} when unset. */
    public List<String> names(String name, List<String> otherwise) {
        return text(name).map(EnvironmentSettings::items).orElse(otherwise);
    }

    /**
     * Comma-separated names, each one of {@code known}, in the order given, each once; empty when unset.
     */
    public List<String> subset(String name, Collection<String> known) {
        List<String> chosen = names(name, List.of());
        chosen.stream().filter(item -> !known.contains(item)).findFirst().ifPresent(unknown -> {
            throw refused(name, "a comma-separated subset of " + String.join(",", known), unknown);
        });
        return chosen;
    }

    /** {@code key=value} pairs separated by {@code separator}, in the order given; empty when unset. */
    public Map<String, String> pairs(String name, String separator) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String pair : text(name).orElse("").split(java.util.regex.Pattern.quote(separator))) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw refused(name, "key=value pairs separated by '" + separator + "'", pair.strip());
            }
            pairs.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return pairs;
    }

    /** The number, or a refusal saying what was expected: the upper bound only when it was passed. */
    private static long parse(String name, String item, String value, long atLeast, long atMost, String what) {
        String expected = what + (atLeast == Long.MIN_VALUE ? "" : " of at least " + atLeast);
        try {
            long number = Long.parseLong(item);
            if (number >= atLeast && number <= atMost) {
                return number;
            }
            if (number > atMost) {
                expected += (atLeast == Long.MIN_VALUE ? " of at most " : " and at most ") + atMost;
            }
        } catch (NumberFormatException e) {
            // refused below, with what was expected
        }
        throw refused(name, expected, value);
    }

    private static List<String> items(String value) {
        return new ArrayList<>(Arrays.stream(value.split(",")).map(String::strip).filter(item -> !item.isEmpty())
                .distinct().toList());
    }

    private static IllegalArgumentException refused(String name, String expected, String got) {
        return new IllegalArgumentException(name + ": expected " + expected + ", got '" + got + "'");
    }
}
