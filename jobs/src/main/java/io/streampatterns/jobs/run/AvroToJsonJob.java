package io.streampatterns.jobs.run;

import io.streampatterns.core.StreamingPattern;
import io.streampatterns.core.secrets.SecretProvider;
import io.streampatterns.jobs.config.InvalidConfigException;
import io.streampatterns.jobs.config.PipelineConfig;
import io.streampatterns.patterns.avro.AvroToJsonPipeline;
import io.streampatterns.patterns.avro.SchemaRegistrySchemaSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Avro → JSON: the shared options, {@code outputTopic}, {@code dlqTopic}, the Avro schemas as files
 * relative to the configuration's folder ({@code avroSchemaFile} for plain Avro bodies,
 * {@code readerSchemaFile}), or the Confluent wire format with its writer schemas from
 * {@code schemaRegistryUrl}, logged in with {@code schemaRegistryCredentials} (a secret holding
 * {@code user:password}) when the registry asks.
 */
final class AvroToJsonJob implements PatternJob {
    @Override
    public String pattern() {
        return "avro";
    }

    @Override
    public StreamingPattern build(PipelineConfig config, SecretProvider secrets) {
        AvroToJsonPipeline.Builder builder = ConfiguredOptions.apply(config, AvroToJsonPipeline.builder(), secrets);
        config.get("outputTopic").ifPresent(builder::outputTopic);
        config.get("dlqTopic").ifPresent(builder::dlqTopic);
        schemaFile(config, "avroSchemaFile").ifPresent(builder::avroSchema);
        schemaFile(config, "readerSchemaFile").ifPresent(builder::readerSchema);
        config.get("schemaRegistryUrl").ifPresent(url -> builder.confluentWireFormat(registry(config, url, secrets)));
        return builder.build();
    }

    /** The text of the schema file {@code key} names; a relative path is the configuration's folder's. */
    private static Optional<String> schemaFile(PipelineConfig config, String key) {
        return config.get(key).map(value -> {
            Path file = config.file().toAbsolutePath().resolveSibling(value);
            try {
                return Files.readString(file);
            } catch (IOException e) {
                throw config.invalid(key, value, "an Avro schema file, relative to the configuration's folder (cannot read "
                        + file + ")");
            }
        });
    }

    private static SchemaRegistrySchemaSource registry(PipelineConfig config, String url, SecretProvider secrets) {
        SchemaRegistrySchemaSource registry;
        try {
            registry = SchemaRegistrySchemaSource.at(url);
        } catch (IllegalArgumentException e) {
            throw config.invalid("schemaRegistryUrl", url, "the http(s) URL of a schema registry");
        }
        Optional<String> credentials = ConfiguredOptions.secretName(config, "schemaRegistryCredentials")
                .map(name -> secrets.get(name).reveal());
        if (credentials.isEmpty()) {
            return registry;
        }
        int colon = credentials.get().indexOf(':');
        if (colon < 0) {
            throw new InvalidConfigException(config.file(), "schemaRegistryCredentials", "expected a secret holding "
                    + "user:password (Confluent's basic.auth.user.info), got one without ':'");
        }
        return registry.basicAuth(credentials.get().substring(0, colon), credentials.get().substring(colon + 1));
    }
}
