package io.streampatterns.chaos.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.streampatterns.chaos.measure.FaultMarker;
import io.streampatterns.chaos.measure.Sample;
import io.streampatterns.chaos.measure.Timeline;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The timeline chart draws throughput, lag, a marker per fault and repair, and the longest stall. */
class TimelineChartTest {

    /**
     * Purpose: every part of the chart is drawn, and labels are escaped.
     *
     * <p>How: 1. a 10 s timeline whose output stalls between 3 and 6 s, a fault at 3 s labelled with
     * markup characters and a repair at 5 s; 2. render it.
     *
     * <p>Pass: one SVG with three lines (input, output, lag), a dashed red fault line and a dotted green
     * repair line with their labels escaped, and a shaded stall.
     */
    @Test
    void drawsRatesLagMarkersAndTheStall() {
        // 1. A timeline with a stall, a fault and a repair
        List<Sample> samples = new ArrayList<>();
        long output = 0;
        for (int i = 0; i <= 20; i++) {
            if (i < 6 || i >= 12) {
                output += 250;
            }
            samples.add(new Sample(i * 500L, i * 250L + 250, i * 250L + 250, output, output, true));
        }
        Timeline timeline = new Timeline(samples, List.of(new FaultMarker(3_000, "kill broker 2 <controller> & co", true),
                new FaultMarker(5_000, "broker 2 serving again", false)));

        // 2. Render
        String svg = TimelineChart.of("smoke × bronze", timeline).render();

        assertThat(svg).startsWith("<svg").endsWith("</svg>\n");
        assertThat(svg.split("<polyline", -1)).hasSize(4);
        assertThat(svg).contains("stroke=\"" + TimelineChart.OUTPUT_COLOUR + "\"", "stroke=\"" + TimelineChart.LAG_COLOUR + "\"");
        assertThat(svg).contains("class=\"fault\"", "stroke=\"" + TimelineChart.FAULT_COLOUR + "\"", "stroke-dasharray=\"5 3\"");
        assertThat(svg).contains("class=\"repair\"", "broker 2 serving again");
        assertThat(svg).contains("kill broker 2 &lt;controller&gt; &amp; co").doesNotContain("<controller>");
        assertThat(svg).contains("<title>longest stall 3.0 s</title>");
    }
}
