package io.streampatterns.chaos.report;

import io.streampatterns.chaos.ChaosReport;
import io.streampatterns.chaos.ScenarioResult;
import io.streampatterns.chaos.measure.ChaosVerdict;
import io.streampatterns.chaos.measure.FaultMarker;
import io.streampatterns.chaos.measure.Sample;
import io.streampatterns.harness.report.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code report.json}: the run's settings, then one entry per scenario and pattern with status,
 * message, figures, the plan, every fault with its recovery, and the sampled timeline (columns of
 * equal length; {@code input_end} and {@code output} are -1 where the brokers did not answer in time;
 * times in seconds since production started).
 */
public final class JsonChaosReport {
    private JsonChaosReport() {
    }

    public static String render(ChaosReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("kafka", report.kafka());
        root.put("seed", report.settings().seed());
        root.put("rate_per_second", report.settings().rate());
        root.put("max_offsets_per_trigger", report.settings().maxOffsetsPerTrigger());
        root.put("trigger_ms", report.settings().trigger().toMillis());
        root.put("started_at", report.startedAt().toString());
        root.put("seconds", report.took().toMillis() / 1000.0);
        root.put("passed", report.passed());
        root.put("notes", report.notes());
        root.put("results", report.results().stream().map(JsonChaosReport::entry).toList());
        return Json.write(root);
    }

    private static Map<String, Object> entry(ScenarioResult r) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("scenario", r.scenario());
        entry.put("pattern", r.pattern());
        entry.put("status", r.status().name());
        entry.put("message", r.message());
        entry.put("guarantee", r.guarantee() == null ? null : r.guarantee().name());
        entry.put("seed", r.seed());
        entry.put("script", r.plan().scenario().script());
        entry.put("plan", r.plan().steps().stream().map(Object::toString).toList());
        Map<String, Object> figures = new LinkedHashMap<>();
        ChaosVerdict v = r.verdict();
        if (v != null) {
            figures.put("produced", v.produced());
            figures.put("acknowledged", v.acknowledged());
            figures.put("in_output", v.output());
            figures.put("lost", v.lost());
            figures.put("duplicated", v.duplicates());
            figures.put("unacknowledged_in_output", v.unacknowledgedWritten());
            figures.put("longest_stall_s", r.longestStall().millis() / 1000.0);
            figures.put("longest_stall_from_s", r.longestStall().fromMillis() / 1000.0);
            figures.put("longest_stall_recovered", r.longestStall().recovered());
            figures.put("time_to_recover_s", r.slowestRecoveryMillis().isPresent()
                    ? r.slowestRecoveryMillis().getAsLong() / 1000.0 : null);
            figures.put("driver_starts", r.driverStarts());
            figures.put("unplanned_driver_exits", r.unplannedDriverExits());
            figures.put("send_failures", r.sendFailures());
        }
        entry.put("figures", figures);
        entry.put("faults", r.recoveries().stream().map(recovery -> {
            Map<String, Object> fault = new LinkedHashMap<>();
            fault.put("at_s", recovery.fault().atMillis() / 1000.0);
            fault.put("label", recovery.fault().label());
            fault.put("recovery_s", recovery.millis().isPresent() ? recovery.millis().getAsLong() / 1000.0 : null);
            return fault;
        }).toList());
        entry.put("markers", r.timeline().markers().stream().map(JsonChaosReport::marker).toList());
        entry.put("samples", samples(r.timeline().samples()));
        entry.put("seconds", r.took().toMillis() / 1000.0);
        return entry;
    }

    private static Map<String, Object> marker(FaultMarker m) {
        Map<String, Object> marker = new LinkedHashMap<>();
        marker.put("at_s", m.atMillis() / 1000.0);
        marker.put("label", m.label());
        marker.put("fault", m.fault());
        return marker;
    }

    /** Columns rather than objects: a few hundred samples stay readable and small. */
    private static Map<String, Object> samples(List<Sample> samples) {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("at_s", samples.stream().map(s -> s.atMillis() / 1000.0).toList());
        columns.put("acknowledged", samples.stream().map(Sample::acknowledged).toList());
        columns.put("input_end", samples.stream().map(Sample::inputEnd).toList());
        columns.put("committed", samples.stream().map(Sample::processed).toList());
        columns.put("output", samples.stream().map(Sample::output).toList());
        columns.put("lag", samples.stream().map(Sample::lag).toList());
        columns.put("driver_up", samples.stream().map(Sample::driverUp).toList());
        return columns;
    }
}
