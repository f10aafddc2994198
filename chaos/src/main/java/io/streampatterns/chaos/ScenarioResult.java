package io.streampatterns.chaos;

import io.streampatterns.chaos.measure.ChaosVerdict;
import io.streampatterns.chaos.measure.FaultMarker;
import io.streampatterns.chaos.measure.Stall;
import io.streampatterns.chaos.measure.Timeline;
import io.streampatterns.chaos.scenario.ScenarioPlan;
import io.streampatterns.core.Sink.DeliveryGuarantee;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * What one scenario found for one pattern.
 *
 * @param pattern the pattern's name
 * @param plan the scenario with its random choices made
 * @param status PASS, FAIL, or SKIPPED (the pattern cannot run it; the message says why)
 * @param message what was seen, in words
 * @param guarantee what the pattern promises; null when skipped before it was known
 * @param verdict the delivery verdict; null when the run did not get that far
 * @param timeline the samples and markers; empty when the run did not start
 * @param driverStarts driver JVM starts, the first included
 * @param unplannedDriverExits the first exception line of each time the driver died by itself
 * @param sendFailures the first few sends that were not acknowledged
 * @param took wall-clock time of the whole scenario, set-up and verification included
 */
public record ScenarioResult(
        String pattern,
        ScenarioPlan plan,
        Status status,
        String message,
        DeliveryGuarantee guarantee,
        ChaosVerdict verdict,
        Timeline timeline,
        int driverStarts,
        List<String> unplannedDriverExits,
        List<String> sendFailures,
        Duration took) {

    /** The outcome of a scenario. */
    public enum Status { PASS, FAIL, SKIPPED }

    /**
     * The recovery from one fault.
     *
     * @param fault the fault
     * @param millis from the fault to the output growing again; empty if it never did
     */
    public record Recovery(FaultMarker fault, OptionalLong millis) {
    }

    public ScenarioResult {
        unplannedDriverExits = List.copyOf(unplannedDriverExits);
        sendFailures = List.copyOf(sendFailures);
    }

    static ScenarioResult skipped(String pattern, ScenarioPlan plan, String why) {
        return new ScenarioResult(pattern, plan, Status.SKIPPED, why, null, null, new Timeline(List.of(), List.of()), 0,
                List.of(), List.of(), Duration.ZERO);
    }

    public String scenario() {
        return plan.scenario().name();
    }

    public long seed() {
        return plan.seed();
    }

    /** The longest stretch with input waiting and no output growth. */
    public Stall longestStall() {
        return timeline.longestStall();
    }

    /** The recovery from every fault, in order. */
    public List<Recovery> recoveries() {
        return timeline.faults().stream().map(f -> new Recovery(f, timeline.recoveryMillis(f))).toList();
    }

    /** The slowest recovery in milliseconds; empty if some fault was never recovered from or there was none. */
    public OptionalLong slowestRecoveryMillis() {
        List<Recovery> all = recoveries();
        if (all.isEmpty() || all.stream().anyMatch(r -> r.millis().isEmpty())) {
            return OptionalLong.empty();
        }
        return all.stream().mapToLong(r -> r.millis().getAsLong()).max();
    }

    /** The line a person reads in the table: the key figures. */
    public String keyFigures() {
        if (verdict == null) {
            return status == Status.SKIPPED ? "" : "no verdict";
        }
        return String.format(Locale.ROOT, "%,d/%,d acked in output, %d lost, %d dup; stall %s, recovery %s",
                verdict.acknowledged() - verdict.lost(), verdict.acknowledged(), verdict.lost(), verdict.duplicates(),
                seconds(longestStall().millis()), recoveryText());
    }

    /** The slowest recovery as text: "4.5 s", "none" without faults, "never" if one never recovered. */
    public String recoveryText() {
        if (timeline.faults().isEmpty()) {
            return "none";
        }
        OptionalLong slowest = slowestRecoveryMillis();
        return slowest.isPresent() ? seconds(slowest.getAsLong()) : "never";
    }

    static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
