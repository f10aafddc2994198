package io.streampatterns.chaos.report;

import io.streampatterns.chaos.ChaosReport;
import io.streampatterns.chaos.ScenarioResult;
import io.streampatterns.harness.report.HtmlPage;
import java.util.List;

/**
 * {@code report.html}: the table with coloured status cells, then per scenario and pattern its
 * message, plan and a timeline chart (throughput and lag over time, a marker at each fault).
 */
public final class HtmlChaosReport {

    private HtmlChaosReport() {
    }

    public static String render(ChaosReport report) {
        HtmlPage page = new HtmlPage("streampatterns chaos", "Chaos report")
                .markdownParagraph(report.summary() + ". " + ChaosTables.intro(report));
        report.notes().forEach(note -> page.markdownParagraph("**Note:** " + note));
        page.table(ChaosTables.results(report)).paragraph(ChaosTables.LEGEND);
        for (ScenarioResult r : report.results()) {
            page.section(ChaosTables.anchor(r), r.scenario() + " × " + r.pattern() + ": " + r.status())
                    .paragraph(r.plan().scenario().description())
                    .markdownParagraph("Script: `" + r.plan().scenario().script() + "`")
                    .paragraph(r.message() + ChaosTables.took(r));
            if (r.status() != ScenarioResult.Status.SKIPPED) {
                page.list(ChaosTables.details(r));
                if (!r.timeline().samples().isEmpty()) {
                    page.charts(List.of(TimelineChart.of(r.scenario() + " × " + r.pattern(), r.timeline())));
                }
            }
            page.endSection();
        }
        return page.render();
    }
}
