package io.streampatterns.harness.conformance.checks;

import io.streampatterns.harness.conformance.PipelineUnderTest;
import io.streampatterns.harness.conformance.TestRun;
import java.time.Duration;

/** A steady input rate for the checks that measure a running pipeline: one second's events each second, for a while. */
record NominalLoad(int eventsPerSecond, Duration duration) {

    /** Produces the load from seq {@code from} ({@link SteadyLoad}); returns how many events were sent. */
    long produce(PipelineUnderTest pipeline, TestRun run, long from) throws Exception {
        return SteadyLoad.forSeconds(pipeline, run, from, eventsPerSecond, duration.toSeconds());
    }
}
