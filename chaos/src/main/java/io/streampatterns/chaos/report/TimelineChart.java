package io.streampatterns.chaos.report;

import io.streampatterns.chaos.measure.FaultMarker;
import io.streampatterns.chaos.measure.Stall;
import io.streampatterns.chaos.measure.Timeline;
import io.streampatterns.harness.report.SvgChart;
import java.util.Locale;

/**
 * A scenario's timeline as a chart: input and output throughput (records/s, left axis) and lag
 * (records waiting, right axis) over seconds since production started, a vertical line at each fault
 * (red, dashed) and repair (green, dotted) with its label, and the longest stall shaded.
 */
public final class TimelineChart {
    static final String INPUT_COLOUR = "#7f7f7f";
    static final String OUTPUT_COLOUR = "#1f77b4";
    static final String LAG_COLOUR = "#ff7f0e";
    static final String FAULT_COLOUR = "#d62728";
    static final String REPAIR_COLOUR = "#2ca02c";
    private static final SvgChart.MarkerKind FAULT = new SvgChart.MarkerKind("fault", FAULT_COLOUR, "5 3");
    private static final SvgChart.MarkerKind REPAIR = new SvgChart.MarkerKind("repair", REPAIR_COLOUR, "2 3");

    private TimelineChart() {
    }

    /** The chart of {@code timeline}, titled {@code title}. */
    public static SvgChart of(String title, Timeline timeline) {
        SvgChart chart = new SvgChart(title, "seconds since production started", "records/s").size(800, 250)
                .xMax(Math.max(1, timeline.endMillis() / 1000.0))
                .rightAxis("lag (records waiting)", LAG_COLOUR)
                .line("input acknowledged/s", timeline.inputRate(), INPUT_COLOUR, "4 2", SvgChart.Axis.LEFT)
                .line("output/s", timeline.outputRate(), OUTPUT_COLOUR, null, SvgChart.Axis.LEFT)
                .line("lag", timeline.lag(), LAG_COLOUR, null, SvgChart.Axis.RIGHT);
        Stall stall = timeline.longestStall();
        if (stall.millis() > 0) {
            chart.span(stall.fromMillis() / 1000.0, stall.toMillis() / 1000.0, "longest stall",
                    String.format(Locale.ROOT, "longest stall %.1f s", stall.millis() / 1000.0));
        }
        for (FaultMarker marker : timeline.markers()) {
            chart.marker(marker.atMillis() / 1000.0, marker.label(),
                    String.format(Locale.ROOT, "%.1f s: %s", marker.atMillis() / 1000.0, marker.label()),
                    marker.fault() ? FAULT : REPAIR);
        }
        return chart;
    }
}
