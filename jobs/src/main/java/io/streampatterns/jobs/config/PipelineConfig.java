package io.streampatterns.jobs.config;

import io.streampatterns.core.TriggerPolicy;
import io.streampatterns.patterns.realtime.RealTimePatternBuilder;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One pipeline's configuration file: Java properties whose keys are the patterns' option names
 * ({@code topic}, {@code bootstrapServers}, {@code checkpointLocation}, {@code sla}, {@code trigger},
 * {@code maxOffsetsPerTrigger}, {@code startingOffsets}, {@code taskSlots}, ...), Kafka client
 * properties under {@code kafka.} (the builders' {@code kafkaOption}), Spark settings under
 * {@code spark.}, and {@code pattern}, which pattern runs. A value read as a duration or a number
 * that is not one fails with the file, the key and what was expected.
 *
 * <pre>
 * pattern=bronze
 * bootstrapServers=broker1:9092
 * topic=order_events
 * checkpointLocation=/checkpoints/bronze_orders
 * sla=90s
 * maxOffsetsPerTrigger=10000
 * kafka.sasl.jaas.config=${secret:kafka-jaas}
 * </pre>
 */
public final class PipelineConfig {
    /** Kafka client properties, as the builders' {@code kafkaOption} takes them. */
    public static final String KAFKA_PREFIX = "kafka.";
    /** Spark settings of the job's session. */
    public static final String SPARK_PREFIX = "spark.";
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h)");
    private static final Pattern REAL_TIME = Pattern.compile("realtime(?::(.+))?");

    private final Path file;
    private final Map<String, String> values;

    private PipelineConfig(Path file, Map<String, String> values) {
        this.file = file;
        this.values = values;
    }

    /** Reads {@code file}; an unreadable file is an {@link InvalidConfigException} naming it. */
    public static PipelineConfig read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new InvalidConfigException(file, "(file)", "cannot read it: " + e.getMessage());
        }
        Map<String, String> values = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key).strip()));
        return new PipelineConfig(file, values);
    }

    /** A configuration of {@code values}, as if read from {@code file}. */
    public static PipelineConfig of(Path file, Map<String, String> values) {
        return new PipelineConfig(file, new TreeMap<>(values));
    }

    public Path file() {
        return file;
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key)).filter(value -> !value.isEmpty());
    }

    /** Every key and value, in key order. */
    public Map<String, String> all() {
        return values;
    }

    /** The Kafka client properties, without their {@value #KAFKA_PREFIX} prefix. */
    public Map<String, String> kafkaOptions() {
        return withPrefix(KAFKA_PREFIX);
    }

    /** The Spark settings, with their {@value #SPARK_PREFIX} prefix. */
    public Map<String, String> sparkSettings() {
        Map<String, String> spark = new TreeMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(SPARK_PREFIX)) {
                spark.put(key, value);
            }
        });
        return spark;
    }

    /** {@code 90s}, {@code 500ms}, {@code 5m}, {@code 1h}, or ISO-8601 ({@code PT90S}). */
    public Optional<Duration> duration(String key) {
        return get(key).map(value -> parseDuration(key, value));
    }

    public Optional<Long> number(String key) {
        return get(key).map(value -> {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw invalid(key, value, "a whole number");
            }
        });
    }

    /** {@code true} or {@code false}. */
    public Optional<Boolean> bool(String key) {
        return get(key).map(value -> switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(key, value, "true or false");
        });
    }

    /** Names separated by commas: {@code user_name, user_segment}; an empty one is refused. */
    public Optional<List<String>> list(String key) {
        return get(key).map(value -> {
            List<String> names = List.of(value.split("\\s*,\\s*", -1));
            if (names.stream().anyMatch(String::isBlank)) {
                throw invalid(key, value, "names separated by commas, none empty");
            }
            return names;
        });
    }

    /**
     * The trigger: {@code 30s} (a micro-batch every 30 s), {@code availableNow}, or
     * {@code realtime[:checkpoint interval]} (Real-Time Mode). Empty when the key is not set.
     */
    public Optional<TriggerPolicy> trigger() {
        return get("trigger").map(value -> {
            Matcher realTime = REAL_TIME.matcher(value.toLowerCase(Locale.ROOT));
            if (realTime.matches()) {
                return realTime.group(1) == null ? TriggerPolicy.realTime(RealTimePatternBuilder.DEFAULT_CHECKPOINT_INTERVAL)
                        : TriggerPolicy.realTime(parseDuration("trigger", realTime.group(1)));
            }
            if (value.equalsIgnoreCase("availableNow")) {
                return TriggerPolicy.availableNow();
            }
            try {
                return TriggerPolicy.processingTime(parseDuration("trigger", value));
            } catch (InvalidConfigException e) {
                throw invalid("trigger", value, "a duration (30s), availableNow or realtime[:interval]");
            }
        });
    }

    /**
     * Whether the pipeline runs in Real-Time Mode: a real-time trigger, or no trigger on a pattern
     * that runs only in it ({@link PatternNames#REAL_TIME_ONLY}).
     */
    public boolean realTime() {
        return trigger().map(t -> t.kind() == TriggerPolicy.Kind.REAL_TIME)
                .orElseGet(() -> PatternNames.REAL_TIME_ONLY.contains(get("pattern").orElse("")));
    }

    /** The error for {@code key}'s {@code value}, naming the file, the key and what was expected. */
    public InvalidConfigException invalid(String key, String value, String expected) {
        return new InvalidConfigException(file, key, "expected " + expected + ", got '" + value + "'");
    }

    private Map<String, String> withPrefix(String prefix) {
        Map<String, String> options = new TreeMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                options.put(key.substring(prefix.length()), value);
            }
        });
        return options;
    }

    private Duration parseDuration(String key, String value) {
        Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m", "min" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        try {
            return Duration.parse(value.trim());
        } catch (RuntimeException e) {
            throw invalid(key, value, "a duration such as 90s, 500ms, 5m or PT90S");
        }
    }
}
