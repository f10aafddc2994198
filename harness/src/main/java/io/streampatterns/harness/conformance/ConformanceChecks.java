package io.streampatterns.harness.conformance;

import io.streampatterns.harness.conformance.checks.CheckpointRestartCheck;
import io.streampatterns.harness.conformance.checks.DeliveryGuaranteeCheck;
import io.streampatterns.harness.conformance.checks.DlqRoutingCheck;
import io.streampatterns.harness.conformance.checks.DriverCrashCheck;
import io.streampatterns.harness.conformance.checks.LagRecoveryCheck;
import io.streampatterns.harness.conformance.checks.RealTimeLatencyCheck;
import io.streampatterns.harness.conformance.checks.SlaTriggerCheck;
import io.streampatterns.harness.conformance.checks.WindowedAggregatesCheck;
import java.time.Duration;
import java.util.List;

/**
 * Every check of the kit, with its sizes. The defaults suit a 2-core machine (a full suite on one
 * pipeline takes a few minutes); {@link #scaled(double)} makes a faster, smaller run for a team's
 * CI. A new check adds itself here and to {@link PipelineConformanceSuite}.
 *
 * @param events how many events the delivery, crash and aggregates checks produce (per round for aggregates)
 * @param cap the batch cap of the crash and aggregates checks, so a run spans several batches
 * @param backlog the lag check's backlog, drained with a cap of a fifth of it
 * @param businessSla the SLA the sla check derives its trigger from (a third of it)
 * @param eventsPerSecond the nominal load of the sla and latency checks
 * @param load how long the nominal load lasts
 */
public record ConformanceChecks(int events, long cap, int backlog, Duration businessSla, int eventsPerSecond, Duration load) {

    /** Sizes of {@code make conformance}. */
    public static ConformanceChecks defaults() {
        return new ConformanceChecks(20_000, 2_000, 100_000, Duration.ofSeconds(15), 300, Duration.ofSeconds(15));
    }

    /** The same checks with {@code factor} times the events (at least 100), the same SLA and load. */
    public ConformanceChecks scaled(double factor) {
        return new ConformanceChecks(Math.max(100, (int) (events * factor)), Math.max(20, (long) (cap * factor)),
                Math.max(100, (int) (backlog * factor)), businessSla, eventsPerSecond, load);
    }

    public ConformanceCheck delivery() {
        return new DeliveryGuaranteeCheck(events);
    }

    public ConformanceCheck restart() {
        return new CheckpointRestartCheck(events / 4);
    }

    public ConformanceCheck crash() {
        return new DriverCrashCheck(events, cap);
    }

    public ConformanceCheck dlq() {
        return new DlqRoutingCheck(events / 10, Math.max(30, events * 3 / 200));
    }

    public ConformanceCheck lag() {
        return new LagRecoveryCheck(backlog, backlog / 5);
    }

    public ConformanceCheck sla() {
        return new SlaTriggerCheck(businessSla, eventsPerSecond, load);
    }

    public ConformanceCheck aggregates() {
        return new WindowedAggregatesCheck(events / 2, cap);
    }

    public ConformanceCheck latency() {
        return new RealTimeLatencyCheck(eventsPerSecond, Duration.ofSeconds(10), load);
    }

    /** Every check, in report order. */
    public List<ConformanceCheck> all() {
        return List.of(delivery(), restart(), crash(), dlq(), lag(), sla(), aggregates(), latency());
    }
}
