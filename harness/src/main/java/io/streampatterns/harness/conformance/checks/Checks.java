package io.streampatterns.harness.conformance.checks;

import io.streampatterns.core.Capability;
import io.streampatterns.core.RunningPipeline;
import io.streampatterns.core.StreamingPattern;
import io.streampatterns.harness.conformance.ConformanceEnvironment;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/** What the checks share: capability tests, running a pattern to completion, rounding figures. */
final class Checks {

    private Checks() {
    }

    /** Not applicable unless {@code pattern} declares {@code needed}; {@code otherwise} says why not. */
    static Optional<String> requires(StreamingPattern pattern, Capability needed, String otherwise) {
        return pattern.capabilities().contains(needed)
                ? Optional.empty()
                : Optional.of("the pattern does not declare " + needed + ": " + otherwise);
    }

    /** Starts {@code pattern}, waits until it caught up with its input, stops it; returns its progress. */
    static List<StreamingQueryProgress> runUntilCaughtUp(StreamingPattern pattern, ConformanceEnvironment env)
            throws Exception {
        try (RunningPipeline running = pattern.pipeline().start(env.spark())) {
            running.processAllAvailable();
            return running.progressHistory();
        }
    }

    /** Input rows over all batches of a run. */
    static long rowsRead(List<StreamingQueryProgress> progress) {
        return progress.stream().mapToLong(StreamingQueryProgress::numInputRows).sum();
    }

    /** Whether the pattern's main output is a Delta table (else the run's output topic). */
    static boolean writesDelta(StreamingPattern pattern) {
        return pattern.pipeline().sink() instanceof io.streampatterns.core.delta.DeltaSink;
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
