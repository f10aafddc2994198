package io.streampatterns.harness.conformance.checks;

import io.streampatterns.harness.conformance.PipelineUnderTest;
import io.streampatterns.harness.conformance.TestRun;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/** A steady input rate for the checks that measure a running pipeline: one second's events each second. */
record NominalLoad(int eventsPerSecond, Duration duration) {

    /** Produces the load from seq {@code from}, on a thread of its own; returns how many events were sent. */
    long produce(PipelineUnderTest pipeline, TestRun run, long from) throws Exception {
        ExecutorService producer = Executors.newSingleThreadExecutor();
        try {
            Future<Long> sent = producer.submit(() -> {
                long seq = from;
                long start = System.nanoTime();
                for (int second = 0; second < duration.toSeconds(); second++) {
                    pipeline.produce(run, seq, eventsPerSecond);
                    seq += eventsPerSecond;
                    long next = start + (second + 1) * 1_000_000_000L;
                    while (System.nanoTime() < next) {
                        LockSupport.parkNanos(next - System.nanoTime());
                    }
                }
                return seq - from;
            });
            return sent.get();
        } finally {
            producer.shutdownNow();
        }
    }
}
