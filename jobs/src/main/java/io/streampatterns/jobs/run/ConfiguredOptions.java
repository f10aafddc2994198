package io.streampatterns.jobs.run;

import io.streampatterns.core.kafka.StartingOffsets;
import io.streampatterns.core.secrets.SecretProvider;
import io.streampatterns.jobs.config.InvalidConfigException;
import io.streampatterns.jobs.config.PipelineConfig;
import io.streampatterns.jobs.config.SecretReference;
import io.streampatterns.patterns.PatternBuilder;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.types.StructType;

/**
 * The options every pattern shares, from a configuration onto a pattern's builder, under the same
 * names: {@code name}, {@code bootstrapServers}, {@code topic}, {@code kafka.*} (secret references
 * resolved), {@code maxOffsetsPerTrigger}, {@code minPartitions}, {@code startingOffsets},
 * {@code trigger}, {@code sla}, {@code checkpointLocation}, {@code exactlyOnce} ({@code true}: Kafka
 * output in Kafka transactions, {@code transactionTimeout} long; a pattern that does not offer it
 * refuses it at build). What a key leaves unset keeps the pattern's default; the builder's
 * {@code build()} still checks everything.
 */
final class ConfiguredOptions {
    private ConfiguredOptions() {
    }

    static <B extends PatternBuilder<B>> B apply(PipelineConfig config, B builder, SecretProvider secrets) {
        config.get("name").ifPresent(builder::name);
        config.get("bootstrapServers").ifPresent(builder::bootstrapServers);
        config.get("topic").ifPresent(builder::topic);
        config.get("checkpointLocation").ifPresent(builder::checkpointLocation);
        config.kafkaOptions().forEach((key, value) -> builder.kafkaOption(key, resolve(value, secrets)));
        config.number("maxOffsetsPerTrigger").ifPresent(builder::maxOffsetsPerTrigger);
        config.number("minPartitions").ifPresent(n -> builder.minPartitions(n.intValue()));
        config.get("startingOffsets").ifPresent(offsets -> builder.startingOffsets(startingOffsets(config, offsets)));
        config.trigger().ifPresent(builder::trigger);
        config.duration("sla").ifPresent(builder::sla);
        boolean exactlyOnce = config.bool("exactlyOnce").orElse(false);
        Optional<Duration> transactionTimeout = config.duration("transactionTimeout");
        if (transactionTimeout.isPresent() && !exactlyOnce) {
            throw config.invalid("transactionTimeout", config.get("transactionTimeout").get(),
                    "exactlyOnce=true alongside it (it times exactlyOnce's Kafka transactions)");
        }
        if (exactlyOnce) {
            transactionTimeout.ifPresentOrElse(builder::exactlyOnce, builder::exactlyOnce);
        }
        return builder;
    }

    /**
     * The name of the secret {@code key} refers to, {@code kafka-password} of
     * {@code ${secret:kafka-password}}; a value that is not a reference is refused without being repeated.
     */
    static Optional<String> secretName(PipelineConfig config, String key) {
        return config.get(key).map(value -> {
            if (!SecretReference.is(value)) {
                throw new InvalidConfigException(config.file(), key, "expected a reference to a secret, " + key
                        + "=${secret:NAME}; a value written in the file is not repeated here");
            }
            return SecretReference.name(value);
        });
    }

    /** {@code eventSchema} as a DDL string: {@code event_id STRING, amount DOUBLE}. */
    static StructType eventSchema(PipelineConfig config) {
        String ddl = config.get("eventSchema").orElseThrow(() -> new InvalidConfigException(config.file(), "eventSchema",
                "not set; expected the events' schema as DDL, e.g. event_id STRING, amount DOUBLE"));
        try {
            return StructType.fromDDL(ddl);
        } catch (Exception e) { // Spark's ParseException is not a RuntimeException
            throw config.invalid("eventSchema", ddl, "a schema as DDL (" + firstLine(e) + ")");
        }
    }

    /** The first line of a Spark parser's message, which starts with a line break: {@code [PARSE_SYNTAX_ERROR] ...}. */
    static String firstLine(Exception e) {
        return String.valueOf(e.getMessage()).lines().filter(line -> !line.isBlank()).findFirst().orElse("");
    }

    private static StartingOffsets startingOffsets(PipelineConfig config, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "earliest" -> StartingOffsets.earliest();
            case "latest" -> StartingOffsets.latest();
            default -> throw config.invalid("startingOffsets", value, "earliest or latest");
        };
    }

    private static String resolve(String value, SecretProvider secrets) {
        return SecretReference.is(value) ? secrets.get(SecretReference.name(value)).reveal() : value;
    }
}
