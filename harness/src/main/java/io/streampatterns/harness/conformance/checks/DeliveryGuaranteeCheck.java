package io.streampatterns.harness.conformance.checks;

import io.streampatterns.core.Sink.DeliveryGuarantee;
import io.streampatterns.harness.conformance.ConformanceCheck;
import io.streampatterns.harness.conformance.ConformanceEnvironment;
import io.streampatterns.harness.conformance.DeliveryVerdict;
import io.streampatterns.harness.conformance.Outcome;
import io.streampatterns.harness.conformance.OrderVerdict;
import io.streampatterns.harness.conformance.OutputReaders;
import io.streampatterns.harness.conformance.PipelineUnderTest;
import io.streampatterns.harness.conformance.TestRun;
import io.streampatterns.core.Capability;
import java.util.Optional;

/**
 * Purpose: the pattern delivers what it promises. How: sequence-numbered events are produced, the
 * pattern runs until it has caught up, and its output is read back. Pass: EXACTLY_ONCE, every seq
 * once; AT_LEAST_ONCE, every seq at least once (duplicates counted); never a seq that was not sent;
 * and, where the pattern promises per-partition order, no record after a later one of its partition.
 */
public final class DeliveryGuaranteeCheck implements ConformanceCheck {
    private final int events;

    public DeliveryGuaranteeCheck(int events) {
        this.events = events;
    }

    @Override
    public String name() {
        return "delivery";
    }

    @Override
    public String description() {
        return "Sequence-numbered input, output read back: nothing lost, nothing twice (exactly-once) "
                + "or duplicates counted (at-least-once).";
    }

    @Override
    public Optional<String> notApplicableBecause(PipelineUnderTest pipeline) {
        return Checks.requires(pipeline, Capability.TRACEABLE_RECORDS,
                "its output records do not carry the input's seq (aggregates)");
    }

    @Override
    public Outcome run(PipelineUnderTest pipeline, ConformanceEnvironment env) throws Exception {
        // 1. Produce the input.
        TestRun run = env.newRun(pipeline, name());
        pipeline.produce(run, 0, events);
        // 2. Run until caught up.
        long started = System.nanoTime();
        Checks.runUntilCaughtUp(pipeline, run);
        double seconds = (System.nanoTime() - started) / 1e9;
        // 3. Compare the output with the input.
        DeliveryGuarantee guarantee = pipeline.deliveryGuarantee();
        DeliveryVerdict verdict = DeliveryVerdict.of(guarantee, 0, events, Checks.outputSeqs(pipeline, run));
        // 4. Per-partition order, where the pipeline promises it.
        Optional<OrderVerdict> order = pipeline.capabilities().contains(Capability.PER_PARTITION_ORDER)
                ? Optional.of(OutputReaders.orderStreams(run, pipeline.output(run), pipeline::inputSeq)
                        .map(OrderVerdict::of)
                        .orElseGet(() -> OrderVerdict.unknowable(pipeline.output(run).describe()
                                + " names no source partition and offset columns (OutputLocation.deltaTable(...).withSourceOrder)")))
                : Optional.empty();
        boolean passed = verdict.passed() && order.map(OrderVerdict::passed).orElse(true);
        String message = guarantee + ": " + verdict.describe() + order.map(o -> "; " + o.describe()).orElse("");
        return Outcome.of(passed, message, Checks.received(verdict.received(), events, verdict.duplicates()))
                .figure("guarantee", guarantee.name())
                .figure("sent", events)
                .figure("written", verdict.received())
                .figure("missing", verdict.missing().size())
                .figure("duplicates", verdict.duplicates())
                .figure("order_violations", order.map(o -> o.problems().size()).orElse(0))
                .figure("seconds", Checks.round(seconds));
    }
}
