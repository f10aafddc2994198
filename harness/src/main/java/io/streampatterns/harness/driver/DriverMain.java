package io.streampatterns.harness.driver;

import io.streampatterns.harness.conformance.ConformanceEnvironment;
import io.streampatterns.harness.conformance.PipelineUnderTest;
import io.streampatterns.harness.conformance.RunSpec;
import io.streampatterns.harness.data.EventGenerator;
import io.streampatterns.harness.delta.DeltaWorkspace;
import io.streampatterns.harness.kafka.ExternalKafka;
import io.streampatterns.harness.spark.LocalSpark;
import java.nio.file.Path;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * The pipeline driver in its own JVM, so that a check can SIGKILL it the way a crashed driver dies:
 * no shutdown hook, no clean stop, a batch half written.
 *
 * <p>Arguments: the {@link PipelineUnderTest}'s class name (created with its public no-argument
 * constructor, from the classpath the parent passed on), the run file written by
 * {@link DriverProcess}, the workspace root, the event generator's seed. Prints {@value #STARTED}
 * once the query runs, then runs until killed.
 */
public final class DriverMain {
    static final String STARTED = "DRIVER STARTED";

    private DriverMain() {
    }

    public static void main(String[] args) throws Exception {
        PipelineUnderTest pipeline = PipelineClasses.instantiate(args[0]);
        RunSpec spec = RunSpecFile.read(Path.of(args[1]));
        ExternalKafka kafka = new ExternalKafka(spec.bootstrapServers(), spec.kafkaClientProperties());
        ConformanceEnvironment env = new ConformanceEnvironment(kafka, LocalSpark.session(),
                DeltaWorkspace.existing(Path.of(args[2])), new EventGenerator(Long.parseLong(args[3])), spec.name());
        StreamingQuery query = pipeline.start(env.existingRun(spec));
        System.out.println(STARTED);
        System.out.flush();
        query.awaitTermination();
    }
}
