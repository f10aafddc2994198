package io.streampatterns.harness.conformance.checks;

import io.streampatterns.harness.conformance.PipelineUnderTest;
import io.streampatterns.harness.conformance.TestRun;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongPredicate;

/** A steady input rate for the checks that measure a running pipeline: one second's events each second. */
record NominalLoad(int eventsPerSecond, Duration duration) {

    /** Produces the load from seq {@code from}, on a thread of its own; returns how many events were sent. */
    long produce(PipelineUnderTest pipeline, TestRun run, long from) throws Exception {
        ExecutorService producer = Executors.newSingleThreadExecutor();
        try {
            long seconds = duration.toSeconds();
            return producer.submit(() -> produceEachSecond(pipeline, run, from, second -> second < seconds)).get();
        } finally {
            producer.shutdownNow();
        }
    }

    /**
     * Produces one second's events each second from seq {@code from}, on the caller's thread, while
     * {@code more} says so for the next second (counted from 0); returns how many events were sent.
     * A second whose sends wait on an unavailable broker is made up for at once.
     */
    long produceEachSecond(PipelineUnderTest pipeline, TestRun run, long from, LongPredicate more) {
        long seq = from;
        long start = System.nanoTime();
        for (long second = 0; more.test(second); second++) {
            pipeline.produce(run, seq, eventsPerSecond);
            seq += eventsPerSecond;
            long next = start + (second + 1) * 1_000_000_000L;
            while (System.nanoTime() < next) {
                LockSupport.parkNanos(next - System.nanoTime());
            }
        }
        return seq - from;
    }
}
