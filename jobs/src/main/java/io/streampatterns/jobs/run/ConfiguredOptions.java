package io.streampatterns.jobs.run;

import io.streampatterns.core.kafka.StartingOffsets;
import io.streampatterns.core.secrets.SecretProvider;
import io.streampatterns.jobs.config.InvalidConfigException;
import io.streampatterns.jobs.config.PipelineConfig;
import io.streampatterns.jobs.config.SecretReference;
import io.streampatterns.patterns.PatternBuilder;
import java.util.Locale;
import org.apache.spark.sql.types.StructType;

/**
 * The options every pattern shares, from a configuration onto a pattern's builder, under the same
 * names: {@code name}, {@code bootstrapServers}, {@code topic}, {@code kafka.*} (secret references
 * resolved), {@code maxOffsetsPerTrigger}, {@code minPartitions}, {@code startingOffsets},
 * {@code trigger}, {@code sla}, {@code checkpointLocation}. What a key leaves unset keeps the
 * pattern's default; the builder's {@code build()} still checks everything.
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
        return builder;
    }

    /** {@code eventSchema} as a DDL string: {@code event_id STRING, amount DOUBLE}. */
    static StructType eventSchema(PipelineConfig config) {
        String ddl = config.get("eventSchema").orElseThrow(() -> new InvalidConfigException(config.file(), "eventSchema",
                "not set; expected the events' schema as DDL, e.g. event_id STRING, amount DOUBLE"));
        try {
            return StructType.fromDDL(ddl);
        } catch (RuntimeException e) {
            throw config.invalid("eventSchema", ddl, "a schema as DDL (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
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
