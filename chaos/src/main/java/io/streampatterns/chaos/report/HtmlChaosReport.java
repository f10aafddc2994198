package io.streampatterns.chaos.report;

import io.streampatterns.chaos.ChaosReport;
import io.streampatterns.chaos.ScenarioResult;
import io.streampatterns.chaos.measure.ChaosVerdict;
import io.streampatterns.chaos.scenario.ScenarioPlan.PlannedStep;
import java.util.Locale;

/**
 * {@code report.html}: the table with coloured status cells, then per scenario and pattern its
 * message, plan and a timeline chart (throughput and lag over time, a marker at each fault).
 */
public final class HtmlChaosReport {

    private HtmlChaosReport() {
    }

    public static String render(ChaosReport report) {
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>streampatterns chaos</title>
                <style>
                body{font-family:sans-serif;margin:2em;color:#222} table{border-collapse:collapse}
                td,th{border:1px solid #ccc;padding:5px 9px;text-align:left;font-size:13px} td.n{text-align:right}
                td.PASS{background:#dff5e1} td.FAIL{background:#fbdada} td.SKIPPED{background:#f1f1f1;color:#777}
                section{margin:2em 0;padding-top:.5em;border-top:1px solid #ddd} svg{border:1px solid #eee}
                code{background:#f6f6f6;padding:1px 4px} li{margin:.2em 0}
                </style></head><body>
                <h1>Chaos report</h1>
                """);
        html.append("<p>").append(escape(report.summary())).append(". Kafka: ").append(escape(report.kafka()))
                .append(". Input ").append(report.settings().rate()).append(" records/s, acks=all, idempotent. Repeat the plan with <code>")
                .append(escape(report.repeatCommand())).append("</code>.</p>\n");
        report.notes().forEach(note -> html.append("<p><b>Note:</b> ").append(escape(note)).append("</p>\n"));
        html.append("<table><tr><th>scenario</th><th>pattern</th><th>guarantee</th><th>status</th><th>produced</th>"
                + "<th>acknowledged</th><th>in output</th><th>lost</th><th>duplicated</th><th>longest stall</th>"
                + "<th>time to recover</th><th>seed</th></tr>\n");
        for (ScenarioResult r : report.results()) {
            html.append("<tr><td><a href=\"#").append(anchor(r)).append("\">").append(escape(r.scenario())).append("</a></td><td>")
                    .append(escape(r.pattern())).append("</td><td>").append(r.guarantee() == null ? "" : r.guarantee())
                    .append("</td><td class=\"").append(r.status()).append("\" title=\"").append(escape(r.message())).append("\">")
                    .append(r.status()).append("</td>");
            ChaosVerdict v = r.verdict();
            if (v == null) {
                html.append("<td></td>".repeat(7));
            } else {
                html.append(String.format(Locale.ROOT,
                        "<td class=\"n\">%,d</td><td class=\"n\">%,d</td><td class=\"n\">%,d</td><td class=\"n\">%,d</td>"
                                + "<td class=\"n\">%,d</td><td class=\"n\">%s</td><td class=\"n\">%s</td>",
                        v.produced(), v.acknowledged(), v.output(), v.lost(), v.duplicates(),
                        escape(MarkdownChaosReport.stallText(r)), escape(r.recoveryText())));
            }
            html.append("<td class=\"n\">").append(r.seed()).append("</td></tr>\n");
        }
        html.append("</table>\n<p>Lost = acknowledged but not in the output (must be 0). Duplicated = output records beyond "
                + "the first copy of a seq (must be 0 into Delta; counted into Kafka, at-least-once). Longest stall = "
                + "input waiting, output not growing (shaded in the charts). Time to recover = from a fault to the output "
                + "growing again, the slowest of the scenario.</p>\n");
        for (ScenarioResult r : report.results()) {
            html.append("<section id=\"").append(anchor(r)).append("\"><h2>").append(escape(r.scenario())).append(" × ")
                    .append(escape(r.pattern())).append(": ").append(r.status()).append("</h2>\n<p>")
                    .append(escape(r.plan().scenario().description())).append("</p>\n<p>").append(escape(r.message()))
                    .append(String.format(Locale.ROOT, " (%.0f s)", r.took().toMillis() / 1000.0)).append("</p>\n");
            if (r.status() == ScenarioResult.Status.SKIPPED) {
                html.append("</section>\n");
                continue;
            }
            html.append("<p>Plan (seed ").append(r.seed()).append(", times counted from the moment the pipeline was warm; the chart counts from the start of production): <code>")
                    .append(escape(String.join("; ", r.plan().steps().stream().map(PlannedStep::toString).toList())))
                    .append("</code></p>\n<ul>\n");
            for (ScenarioResult.Recovery recovery : r.recoveries()) {
                html.append(String.format(Locale.ROOT, "<li>%.1f s: %s; output growing again after %s</li>%n",
                        recovery.fault().atMillis() / 1000.0, escape(recovery.fault().label()),
                        recovery.millis().isPresent()
                                ? String.format(Locale.ROOT, "%.1f s", recovery.millis().getAsLong() / 1000.0) : "never"));
            }
            html.append("<li>driver JVM starts: ").append(r.driverStarts()).append(", unplanned exits: ")
                    .append(r.unplannedDriverExits().size()).append("</li>\n</ul>\n");
            if (!r.timeline().samples().isEmpty()) {
                html.append(TimelineChart.render(r.scenario() + " × " + r.pattern(), r.timeline()));
            }
            html.append("</section>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    private static String anchor(ScenarioResult r) {
        return r.scenario() + "-" + r.pattern();
    }

    private static String escape(String text) {
        return TimelineChart.escape(text);
    }
}
