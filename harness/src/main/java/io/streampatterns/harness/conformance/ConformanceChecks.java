package io.streampatterns.harness.conformance;

import io.streampatterns.harness.conformance.checks.CheckpointRestartCheck;
import io.streampatterns.harness.conformance.checks.DataLossCheck;
import io.streampatterns.harness.conformance.checks.DeliveryGuaranteeCheck;
import io.streampatterns.harness.conformance.checks.DlqRoutingCheck;
import io.streampatterns.harness.conformance.checks.DriverCrashCheck;
import io.streampatterns.harness.conformance.checks.LagRecoveryCheck;
import io.streampatterns.harness.conformance.checks.PartitionsAddedCheck;
import io.streampatterns.harness.conformance.checks.PoisonRecordCheck;
import io.streampatterns.harness.conformance.checks.ReadingUnderFaultsCheck;
import io.streampatterns.harness.conformance.checks.RealTimeLatencyCheck;
import io.streampatterns.harness.conformance.checks.RescaleCheck;
import io.streampatterns.harness.conformance.checks.SchemaEvolutionCheck;
import io.streampatterns.harness.conformance.checks.SlaTriggerCheck;
import io.streampatterns.harness.conformance.checks.WindowedAggregatesCheck;
import java.time.Duration;
import java.util.List;

/**
 * Every check of the kit, with its sizes. Two profiles: {@link #defaults()}, the sizes of
 * {@code make conformance} (every check on every pattern in 12 minutes on a 2-core machine, in two JVMs),
 * and {@link #full()}, five times the events and twice the load for a nightly run
 * ({@code CONFORMANCE_PROFILE=full}); {@link #scaled(double)} makes a smaller run for a team's CI.
 * A new check adds itself here and to {@link PipelineConformanceSuite}.
 *
 * @param events how many events the delivery, crash and aggregates checks produce (per round for aggregates)
 * @param cap the batch cap of the crash and aggregates checks, so a run spans several batches
 * @param backlog the lag check's backlog, drained with a cap of a fifth of it
 * @param businessSla the SLA the sla check derives its trigger from (a third of it)
 * @param eventsPerSecond the nominal load of the sla and latency checks
 * @param load how long the nominal load lasts
 */
public record ConformanceChecks(int events, long cap, int backlog, Duration businessSla, int eventsPerSecond, Duration load) {
    /** The variable that picks a profile: {@code quick} (the default) or {@code full}. */
    public static final String PROFILE = "CONFORMANCE_PROFILE";

    /** Sizes of {@code make conformance}: 6,000 events in batches of up to 2,000, a 30,000 backlog, 15 s of load. */
    public static ConformanceChecks defaults() {
        return new ConformanceChecks(6_000, 2_000, 30_000, Duration.ofSeconds(15), 300, Duration.ofSeconds(15));
    }

    /**
     * The longer run: 50,000 events in batches of up to 5,000 (ten batches for a restart to catch up), a
     * 250,000 backlog, 500 events/s for 30 s.
     */
    public static ConformanceChecks full() {
        return new ConformanceChecks(50_000, 5_000, 250_000, Duration.ofSeconds(15), 500, Duration.ofSeconds(30));
    }

    /**
     * The profile {@code value} names: {@link #defaults()} for {@code quick} or nothing, {@link #full()} for {@code full}.
     *
     * @throws IllegalArgumentException for any other value, naming the variable and what it accepts
     */
    public static ConformanceChecks profile(String value) {
        if (value == null || value.isBlank() || value.strip().equals("quick")) {
            return defaults();
        }
        if (value.strip().equals("full")) {
            return full();
        }
        throw new IllegalArgumentException(PROFILE + ": expected quick or full, got '" + value + "'");
    }

    /** The profile of {@value #PROFILE} in this process's environment. */
    public static ConformanceChecks fromEnvironment() {
        return profile(System.getenv(PROFILE));
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
        return new DriverCrashCheck(events, cap, eventsPerSecond);
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

    public ConformanceCheck partitions() {
        return new PartitionsAddedCheck(events / 4);
    }

    public ConformanceCheck dataLoss() {
        return new DataLossCheck(events / 10);
    }

    public ConformanceCheck rescale() {
        return new RescaleCheck(events / 2, cap, eventsPerSecond);
    }

    public ConformanceCheck poison() {
        return new PoisonRecordCheck(events / 10, 20);
    }

    public ConformanceCheck schemaEvolution() {
        return new SchemaEvolutionCheck(events / 5);
    }

    /** Batches capped at the crash check's cap, but never under five seconds of the load: the pipeline must keep up. */
    public ConformanceCheck readingUnderFaults() {
        return new ReadingUnderFaultsCheck(eventsPerSecond, Math.max(cap, 5L * eventsPerSecond));
    }

    /** Every check, in report order. */
    public List<ConformanceCheck> all() {
        return List.of(delivery(), restart(), crash(), dlq(), lag(), sla(), aggregates(), latency(), partitions(),
                dataLoss(), rescale(), poison(), schemaEvolution(), readingUnderFaults());
    }
}
