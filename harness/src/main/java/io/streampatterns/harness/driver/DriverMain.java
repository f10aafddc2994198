package io.streampatterns.harness.driver;

import io.streampatterns.core.RunningPipeline;
import io.streampatterns.harness.conformance.ConformanceEnvironment;
import io.streampatterns.harness.conformance.PatternFixture;
import io.streampatterns.harness.conformance.PatternFixtures;
import io.streampatterns.harness.conformance.PatternRun;
import io.streampatterns.harness.data.EventGenerator;
import io.streampatterns.harness.delta.DeltaWorkspace;
import io.streampatterns.harness.kafka.ExternalKafka;
import io.streampatterns.harness.spark.LocalSpark;
import java.nio.file.Path;

/**
 * The pipeline driver in its own JVM, so that a test can SIGKILL it the way a crashed driver dies:
 * no shutdown hook, no clean stop, a batch half written.
 *
 * <p>Arguments: the fixture's name, the run file written by {@link DriverProcess}, the workspace root.
 * Prints {@value #STARTED} once the query runs, then runs until killed.
 */
public final class DriverMain {
    static final String STARTED = "DRIVER STARTED";

    private DriverMain() {
    }

    public static void main(String[] args) throws Exception {
        PatternFixture fixture = PatternFixtures.named(args[0]);
        PatternRun run = PatternRunFile.read(Path.of(args[1]));
        ExternalKafka kafka = new ExternalKafka(run.bootstrapServers(), run.kafkaClientProperties());
        ConformanceEnvironment env = new ConformanceEnvironment(kafka, LocalSpark.session(),
                DeltaWorkspace.existing(Path.of(args[2])), new EventGenerator(Long.parseLong(args[3])), run.name());
        RunningPipeline running = fixture.build(run, env).pipeline().start(env.spark());
        System.out.println(STARTED);
        System.out.flush();
        running.query().awaitTermination();
    }
}
