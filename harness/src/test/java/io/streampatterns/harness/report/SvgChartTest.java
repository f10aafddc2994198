package io.streampatterns.harness.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one chart engine of the reports: lines on two axes, markers, spans, ticks and the legend. */
class SvgChartTest {
    private static final SvgChart.MarkerKind FAULT = new SvgChart.MarkerKind("fault", "#d62728", "5 3");

    /**
     * Purpose: axis maxima are round numbers.
     *
     * <p>How: round up a few values.
     *
     * <p>Pass: 1, 2, 2.5, 5 or 10 times a power of ten, never below the value.
     */
    @Test
    void axisMaximaAreRound() {
        assertThat(SvgChart.niceCeiling(0)).isEqualTo(1);
        assertThat(SvgChart.niceCeiling(730)).isEqualTo(1_000);
        assertThat(SvgChart.niceCeiling(1_730)).isEqualTo(2_000);
        assertThat(SvgChart.niceCeiling(2_100)).isEqualTo(2_500);
        assertThat(SvgChart.niceCeiling(18_445)).isEqualTo(20_000);
    }

    /** Purpose: ticks fall on round values and their labels are short. */
    @Test
    void ticksAreRoundAndShort() {
        assertThat(SvgChart.ticks(2_500)).containsExactly(0.0, 500.0, 1_000.0, 1_500.0, 2_000.0, 2_500.0);
        assertThat(SvgChart.ticks(61)).containsExactly(0.0, 20.0, 40.0, 60.0);
        assertThat(SvgChart.ticks(1)).hasSize(6).contains(0.2, 1.0);
        assertThat(SvgChart.number(12_500)).isEqualTo("12.5k");
        assertThat(SvgChart.number(200_000)).isEqualTo("200k");
        assertThat(SvgChart.number(25_000_000)).isEqualTo("25M");
        assertThat(SvgChart.number(0.25)).isEqualTo("0.25");
        assertThat(SvgChart.number(1_500)).isEqualTo("1500");
    }

    /**
     * Purpose: every part is drawn, in the colours given, and text is escaped.
     *
     * <p>How: a line on each axis, a fault marker and a span whose names hold markup characters.
     *
     * <p>Pass: one SVG with two polylines in their colours, the right axis's label, the marker with its
     * class, dash and tooltip, the span's tooltip, a legend entry for each, and no raw markup.
     */
    @Test
    void drawsLinesOnBothAxesMarkersAndSpans() {
        String svg = new SvgChart("rate <&> lag", "seconds", "records/s").rightAxis("lag", "#ff7f0e")
                .line("output/s", List.of(new double[] {0, 100}, new double[] {10, 400}), "#1f77b4", null, SvgChart.Axis.LEFT)
                .line("lag", List.of(new double[] {0, 5_000}, new double[] {10, 0}), "#ff7f0e", "4 2", SvgChart.Axis.RIGHT)
                .marker(3, "kill <broker 2>", "3.0 s: kill <broker 2>", FAULT)
                .span(3, 6, "longest stall", "stall 3.0 s")
                .render();

        assertThat(svg).startsWith("<svg").endsWith("</svg>\n").contains("viewBox=");
        assertThat(svg.split("<polyline", -1)).hasSize(3);
        assertThat(svg).contains("stroke=\"#1f77b4\"", "stroke=\"#ff7f0e\" stroke-width=\"1.8\" stroke-dasharray=\"4 2\"");
        assertThat(svg).contains("class=\"fault\"", "stroke-dasharray=\"5 3\"", "<title>3.0 s: kill &lt;broker 2&gt;</title>");
        assertThat(svg).contains("<title>stall 3.0 s</title>", ">longest stall</text>", ">fault</text>", ">lag</text>");
        assertThat(svg).contains("rate &lt;&amp;&gt; lag").doesNotContain("<broker 2>").doesNotContain("<&>");
    }

    /** Purpose: a legend too long for one row wraps, and the picture grows to hold it. */
    @Test
    void aLongLegendWraps() {
        SvgChart one = new SvgChart("t", "x", "y").line("a", List.of(new double[] {1, 1}));
        SvgChart many = new SvgChart("t", "x", "y");
        for (int i = 0; i < 8; i++) {
            many.line("a rather long series name " + i, List.of(new double[] {1, i}));
        }
        assertThat(height(many.render())).isGreaterThan(height(one.render()) + 40);
    }

    /** Purpose: a chart knows when it has nothing to draw, and a line on a missing axis is refused. */
    @Test
    void emptyLinesAreLeftOutAndTheRightAxisMustExist() {
        assertThat(new SvgChart("t", "x", "y").line("none", List.of()).isEmpty()).isTrue();
        assertThatThrownBy(() -> new SvgChart("t", "x", "y").line("lag", List.of(), "#000", null, SvgChart.Axis.RIGHT))
                .hasMessageContaining("rightAxis");
    }

    private static int height(String svg) {
        return Integer.parseInt(svg.replaceFirst("(?s).*? height=\"(\\d+)\".*", "$1"));
    }
}
