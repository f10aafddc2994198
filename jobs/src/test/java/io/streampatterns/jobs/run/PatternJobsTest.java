package io.streampatterns.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.streampatterns.core.Capability;
import io.streampatterns.core.InvalidPipelineException;
import io.streampatterns.core.StreamingPattern;
import io.streampatterns.core.secrets.SecretProvider;
import io.streampatterns.jobs.config.InvalidConfigException;
import io.streampatterns.jobs.config.PatternNames;
import io.streampatterns.jobs.config.PipelineConfig;
import io.streampatterns.jobs.config.SecretReference;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Each pattern built by its {@link PatternJob} from the example configuration shipped in
 * jobs/configs, and each key a job reads as structured text refused, naming the key, when its value
 * cannot be read, a secret's without repeating it. Patterns are only built (no SparkSession, no
 * broker): {@code RunCommandIT} runs one.
 */
class PatternJobsTest {
    private static final SecretProvider NO_SECRETS = SecretProvider.environment("PATTERN_JOBS_TEST_", Map.of());

    /**
     * Purpose: every pattern can be run from a file, and the file shipped for it is one that runs.
     * How: build each pattern from configs/PATTERN.properties through PatternJobs.of.
     * Pass: built, under the file's name; a pattern without a job fails here, refused by name.
     */
    @ParameterizedTest
    @FieldSource("io.streampatterns.jobs.config.PatternNames#ALL")
    void buildsEachPatternFromItsShippedConfiguration(String pattern) {
        PipelineConfig config = shipped(pattern);
        StreamingPattern built = PatternJobs.of(config).build(config, NO_SECRETS);
        assertThat(built.pipeline().name()).isEqualTo(config.get("name").orElseThrow());
    }

    /** Purpose: a job for each pattern a configuration may name, and no other. Pass: the same names, in order. */
    @Test
    void hasAJobForEveryPatternName() {
        assertThat(PatternJobs.ALL).extracting(PatternJob::pattern).containsExactlyElementsOf(PatternNames.ALL);
    }

    /**
     * Purpose: a value a job cannot read is named with what was expected, before anything is built.
     * How: the shipped configuration with one key set to a bad value. Pass: an InvalidConfigException
     * on that key whose message says what was expected.
     */
    @ParameterizedTest(name = "{0}: {1}={2}")
    @CsvSource(delimiter = '|', textBlock = """
            enrichment                 | joinKey                   | user_id, account_id  | one event field
            enrichment                 | dimensionTable            | users.dimension      | not both
            enrichment                 | dimensionColumns          | user_name,,segment   | names separated by commas, none empty
            enrichment                 | broadcastDimension        | yes                  | true or false
            enrichment                 | exactlyOnce               | maybe                | true or false
            metrics                    | window                    | soon                 | a duration such as 90s
            metrics                    | watermarkDelay            | 5 minutes            | a duration such as 90s
            schema-validation          | requiredFields            | event_id, , user_id  | names separated by commas, none empty
            schema-validation-realtime | taskSlots                 | two                  | a whole number
            routing                    | route.order_events_urgent | priority = = 'high'  | a SQL condition over the event's fields, or true for every record ([PARSE_SYNTAX_ERROR]
            routing                    | deadLetterRoute.          | event_type = 'error' | a topic after deadLetterRoute.
            routing                    | dropUnmatched             | sometimes            | true or false
            avro                       | avroSchemaFile            | schemas/none.avsc    | an Avro schema file, relative to the configuration's folder
            avro                       | schemaRegistryUrl         | ftp://registry:21    | the http(s) URL of a schema registry
            secured                    | security.mechanism        | GSSAPI               | PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512
            secured                    | security.passwordSecret   | hunter2              | a reference to a secret, security.passwordSecret=${secret:NAME}
            secured                    | loginCheck                | perhaps              | true or false
            secured                    | loginTimeout              | soon                 | a duration such as 90s
            bronze                     | transactionTimeout        | 2m                   | exactlyOnce=true alongside it
            bronze                     | eventSchema               | event_id STRIN G     | a schema as DDL ([PARSE_SYNTAX_ERROR]
            """)
    void refusesAnUnreadableValueNamingItsKey(String pattern, String key, String value, String expected) {
        InvalidConfigException refused = catchThrowableOfType(InvalidConfigException.class,
                () -> build(shipped(pattern), key, value));
        assertThat(refused).as("%s=%s", key, value).isNotNull();
        assertThat(refused.key()).isEqualTo(key);
        assertThat(refused.getMessage()).contains(key + ": expected ").contains(expected);
        if (SecretReference.sensitive(key)) {
            assertThat(refused.getMessage()).doesNotContain(value);
        }
    }

    /**
     * Purpose: what a job leaves to its builder is still named: a required option missing, a value
     * the builder refuses. How: the shipped configuration without a key, or with a value the job
     * passes on. Pass: an InvalidPipelineException with a problem on that option.
     */
    @ParameterizedTest(name = "{0}: {1}={2}")
    @CsvSource(delimiter = '|', textBlock = """
            enrichment                 | outputTopic             |                    | outputTopic: expected the topic to write to
            enrichment                 | dimensionTablePath      |                    | dimensionTable: expected a Delta table path
            enrichment                 | joinKey                 | account_id         | joinKey: expected a field of eventSchema
            metrics                    | outputTopic             |                    | outputTopic: expected the topic to write to
            metrics                    | window                  | 1500ms             | window: expected a whole number of seconds
            metrics                    | measureColumn           | event_type         | measureColumn: expected a numeric field
            schema-validation          | dlqTopic                |                    | dlqTopic or dlq: expected where invalid records go
            schema-validation          | validTablePath          | /tmp/t             | validTopic and validTable: expected one output
            schema-validation          | requiredFields          | event_id, seq      | requiredFields: [seq] are not top-level fields
            schema-validation-realtime | validTopic              |                    | validTopic: expected where valid records go
            schema-validation-realtime | maxOffsetsPerTrigger    | 1000               | maxOffsetsPerTrigger: Real-Time Mode
            routing                    | unmatchedTopic          |                    | routes: no rule is RoutingRule.everything
            routing                    | route.order_events      | true               | route 'order_events': topic 'order_events' is the input topic
            routing                    | dropUnmatched           | true               | unmatchedTopic and dropUnmatched: expected one decision
            avro                       | outputTopic             |                    | outputTopic: expected the topic to write to
            avro                       | avroSchemaFile          |                    | avroSchema/confluentWireFormat: expected exactly one
            avro                       | readerSchemaFile        | routing.properties | readerSchema: expected an Avro record schema, got one that does not parse
            secured                    | outputTopic             |                    | outputTopic: expected the topic to write to
            secured                    | kafka.sasl.mechanism    | PLAIN              | kafkaOption sasl.mechanism: security(...) sets this property
            secured                    | security.truststoreType | P12                | security.truststoreType: expected PKCS12, JKS or PEM
            secured                    | security.usernameSecret | ${secret:a/b}      | security.usernameSecret: expected a secret name of letters
            bronze                     | exactlyOnce             | true               | exactlyOnce: this pattern does not offer
            enrichment                 | trigger                 | realtime:1m        | exactlyOnce: Real-Time Mode cannot write through foreachBatch
            """)
    void leavesWhatTheBuilderChecksToTheBuilder(String pattern, String key, String value, String problem) {
        InvalidPipelineException refused = catchThrowableOfType(InvalidPipelineException.class,
                () -> build(shipped(pattern), key, value));
        assertThat(refused).as("%s=%s", key, value).isNotNull();
        assertThat(refused.problems()).anySatisfy(p -> assertThat(p).startsWith(problem));
    }

    /**
     * Purpose: the patterns that run in Real-Time Mode do so from a file, with {@code trigger=realtime:1m}.
     * How: each shipped configuration with the trigger set, and what Real-Time Mode cannot run
     * (maxOffsetsPerTrigger, exactlyOnce) removed. Pass: built as a Real-Time Mode pipeline.
     */
    @ParameterizedTest
    @ValueSource(strings = {"enrichment", "routing", "avro", "realtime", "schema-validation-realtime"})
    void runsInRealTimeModeFromAFile(String pattern) {
        PipelineConfig realTime = with(with(with(shipped(pattern), "trigger", "realtime:1m"), "maxOffsetsPerTrigger", null),
                "exactlyOnce", null);
        assertThat(PatternJobs.of(realTime).build(realTime, NO_SECRETS).capabilities()).as(pattern)
                .contains(Capability.REAL_TIME_MODE);
    }

    /**
     * Purpose: Avro in the Confluent wire format logs in to its registry with a secret, never a value
     * in the file. How: the shipped avro configuration with schemaRegistryUrl, readerSchemaFile and
     * schemaRegistryCredentials: a reference to user:password, to a value without ':', then the value
     * inline. Pass: built; then refused on schemaRegistryCredentials twice, never repeating the value.
     */
    @Test
    void logsInToTheSchemaRegistryWithASecret() {
        PipelineConfig wire = with(with(with(shipped("avro"), "avroSchemaFile", null),
                "readerSchemaFile", "schemas/order.avsc"), "schemaRegistryUrl", "https://registry.example.com:8081");
        SecretProvider secrets = SecretProvider.environment("TEST_", Map.of("TEST_REGISTRY_LOGIN", "app:s3cr3t-pw",
                "TEST_REGISTRY_BROKEN", "app-s3cr3t-pw"));
        PipelineConfig login = with(wire, "schemaRegistryCredentials", "${secret:registry-login}");
        assertThat(PatternJobs.of(login).build(login, secrets).pipeline().name()).isEqualTo("avro_to_json_orders");

        for (String value : List.of("${secret:registry-broken}", "app:s3cr3t-pw")) {
            PipelineConfig refused = with(wire, "schemaRegistryCredentials", value);
            InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
                    () -> PatternJobs.of(refused).build(refused, secrets));
            assertThat(e).as(value).isNotNull();
            assertThat(e.key()).isEqualTo("schemaRegistryCredentials");
            assertThat(e.getMessage()).doesNotContain("s3cr3t");
        }
    }

    /** The configuration shipped for {@code pattern}. */
    private static PipelineConfig shipped(String pattern) {
        return PipelineConfig.read(Path.of("configs", pattern + ".properties"));
    }

    /** {@code config} with {@code key} set to {@code value}, or removed when it is null, built. */
    private static StreamingPattern build(PipelineConfig config, String key, String value) {
        PipelineConfig changed = with(config, key, value);
        return PatternJobs.of(changed).build(changed, NO_SECRETS);
    }

    /** {@code config} with {@code key} set to {@code value}, or removed when it is null. */
    private static PipelineConfig with(PipelineConfig config, String key, String value) {
        Map<String, String> values = new HashMap<>(config.all());
        if (value == null) {
            values.remove(key);
        } else {
            values.put(key, value);
        }
        return PipelineConfig.of(config.file(), values);
    }
}
