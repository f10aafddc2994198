package io.streampatterns.harness.conformance.broken;

import io.streampatterns.core.kafka.TransactionalKafkaSink;
import io.streampatterns.harness.conformance.TestRun;

/**
 * Broken: {@link TransactionalRelayJob} with the sink's replay detection switched off, still claiming
 * EXACTLY_ONCE. Each slice is still one transaction, but a batch replayed after a crash is written
 * again, so the crash check must find its seqs written twice.
 */
public class RelaysWithoutReplayDetection extends TransactionalRelayJob {

    @Override
    protected TransactionalKafkaSink.Builder sink(TestRun run) {
        return super.sink(run).withoutReplayDetection();
    }
}
