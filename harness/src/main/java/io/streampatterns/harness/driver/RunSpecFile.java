package io.streampatterns.harness.driver;

import io.streampatterns.core.TriggerPolicy;
import io.streampatterns.harness.conformance.RunSpec;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** Hands a {@link RunSpec} to a child JVM as a properties file. */
public final class RunSpecFile {
    private static final String CLIENT_PREFIX = "kafka.client.";

    private RunSpecFile() {
    }

    public static void write(RunSpec run, Path file) {
        Properties p = new Properties();
        p.setProperty("name", run.name());
        p.setProperty("bootstrapServers", run.bootstrapServers());
        p.setProperty("inputTopic", run.inputTopic());
        p.setProperty("outputTopic", run.outputTopic());
        p.setProperty("dlqTopic", run.dlqTopic());
        p.setProperty("outputTable", run.outputTable());
        p.setProperty("checkpointLocation", run.checkpointLocation());
        p.setProperty("trigger.kind", run.trigger().kind().name());
        p.setProperty("trigger.millis", String.valueOf(run.trigger().interval().toMillis()));
        run.maxOffsetsPerTrigger().ifPresent(max -> p.setProperty("maxOffsetsPerTrigger", String.valueOf(max)));
        run.kafkaClientProperties().forEach((k, v) -> p.setProperty(CLIENT_PREFIX + k, v));
        try (Writer out = Files.newBufferedWriter(file)) {
            p.store(out, "a conformance run for a child driver JVM");
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    public static RunSpec read(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
        Duration interval = Duration.ofMillis(Long.parseLong(p.getProperty("trigger.millis")));
        TriggerPolicy trigger = switch (TriggerPolicy.Kind.valueOf(p.getProperty("trigger.kind"))) {
            case PROCESSING_TIME -> TriggerPolicy.processingTime(interval);
            case AVAILABLE_NOW -> TriggerPolicy.availableNow();
            case REAL_TIME -> TriggerPolicy.realTime(interval);
        };
        Map<String, String> client = new LinkedHashMap<>();
        p.stringPropertyNames().stream().filter(k -> k.startsWith(CLIENT_PREFIX))
                .forEach(k -> client.put(k.substring(CLIENT_PREFIX.length()), p.getProperty(k)));
        return new RunSpec(p.getProperty("name"), p.getProperty("bootstrapServers"), client,
                p.getProperty("inputTopic"), p.getProperty("outputTopic"), p.getProperty("dlqTopic"),
                p.getProperty("outputTable"), p.getProperty("checkpointLocation"), trigger,
                Optional.ofNullable(p.getProperty("maxOffsetsPerTrigger")).map(Long::parseLong));
    }
}
