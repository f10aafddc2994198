package io.streampatterns.harness.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart as inline SVG: lines of (x, y) points on a left axis and optionally a right one,
 * vertical markers with labels (faults, repairs), shaded spans (a stall), round axis ticks and a
 * legend underneath. Hovering a line, marker or span shows its name. Self-contained, so a report
 * opens from a CI artifact without a network or a script.
 *
 * <pre>{@code
 * String svg = new SvgChart("Lag recovery", "seconds", "records behind")
 *     .line("bronze", List.of(new double[] {0, 100_000}, new double[] {12.5, 0}))
 *     .render();
 * }</pre>
 */
public final class SvgChart {
    /** The colours lines get in the order they are added, unless given one. */
    public static final List<String> PALETTE = List.of("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd",
            "#8c564b", "#e377c2", "#17becf");
    private static final String SPAN_FILL = "#fbdada";
    private static final int LEFT = 70;
    private static final int TOP = 36;
    private static final int LEGEND_ROW = 15;
    /** Markers closer than this many pixels share one label, so their texts do not overprint. */
    private static final double LABEL_SPACING = 9;
    private static final int LABEL_LENGTH = 34;

    /** Which y axis a line is measured on. */
    public enum Axis { LEFT, RIGHT }

    /**
     * A kind of vertical marker: its name (the legend's entry and the line's CSS class), colour and
     * SVG dash pattern.
     */
    public record MarkerKind(String name, String colour, String dash) {
    }

    private record Line(String name, List<double[]> points, String colour, String dash, Axis axis) {
    }

    private record Marker(double x, String label, String tooltip, MarkerKind kind) {
    }

    private record Span(double from, double to, String name, String tooltip) {
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Line> lines = new ArrayList<>();
    private final List<Marker> markers = new ArrayList<>();
    private final List<Span> spans = new ArrayList<>();
    private int width = 640;
    private int plotHeight = 230;
    private double xMax = Double.NaN;
    private String rightLabel;
    private String rightColour;

    public SvgChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** The picture's width and the height of its plot area, in pixels (default 640 × 230). */
    public SvgChart size(int width, int plotHeight) {
        this.width = width;
        this.plotHeight = plotHeight;
        return this;
    }

    /** Where the x axis ends (default: the largest x of the lines). */
    public SvgChart xMax(double max) {
        this.xMax = max;
        return this;
    }

    /** A second y axis on the right, its labels in {@code colour}, for lines added with {@link Axis#RIGHT}. */
    public SvgChart rightAxis(String label, String colour) {
        this.rightLabel = label;
        this.rightColour = colour;
        return this;
    }

    /** A solid line on the left axis in the next colour of the {@link #PALETTE}; nothing when {@code points} is empty. */
    public SvgChart line(String name, List<double[]> points) {
        return line(name, points, PALETTE.get(lines.size() % PALETTE.size()), null, Axis.LEFT);
    }

    /**
     * A line; nothing when {@code points} is empty.
     *
     * @param dash an SVG dash pattern such as {@code "4 2"}, or null for a solid line
     */
    public SvgChart line(String name, List<double[]> points, String colour, String dash, Axis axis) {
        if (axis == Axis.RIGHT && rightLabel == null) {
            throw new IllegalStateException("line '" + name + "' is on the right axis; call rightAxis first");
        }
        if (!points.isEmpty()) {
            lines.add(new Line(name, points, colour, dash, axis));
        }
        return this;
    }

    /** A vertical line at {@code x}, labelled along it, with {@code tooltip} on hover. */
    public SvgChart marker(double x, String label, String tooltip, MarkerKind kind) {
        markers.add(new Marker(x, label, tooltip, kind));
        return this;
    }

    /** A shaded band from {@code from} to {@code to}, named in the legend, with {@code tooltip} on hover. */
    public SvgChart span(double from, double to, String name, String tooltip) {
        spans.add(new Span(from, to, name, tooltip));
        return this;
    }

    /** True when there is no line to draw. */
    public boolean isEmpty() {
        return lines.isEmpty();
    }

    public String render() {
        Frame f = new Frame(this);
        StringBuilder svg = new StringBuilder(text(width / 2.0, 18, title, "middle", "font-weight:bold;font-size:13px"));
        for (Span span : spans) {
            double x1 = f.x(span.from());
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\" "
                            + "opacity=\"0.6\"><title>%s</title></rect>%n", x1, TOP, Math.max(1, f.x(span.to()) - x1),
                    plotHeight, SPAN_FILL, Escape.html(span.tooltip())));
        }
        axes(svg, f);
        for (Line line : lines) {
            StringBuilder points = new StringBuilder();
            double max = line.axis() == Axis.LEFT ? f.leftMax : f.rightMax;
            for (double[] p : line.points()) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", f.x(p[0]), f.y(p[1], max)));
            }
            svg.append(String.format("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.8\"%s points=\"%s\">"
                            + "<title>%s</title></polyline>%n", line.colour(), dash(line.dash()), points.toString().trim(),
                    Escape.html(line.name())));
        }
        markers(svg, f);
        int height = legend(svg) + 12;
        return String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n", width, height, width, height)
                + svg + "</svg>\n";
    }

    private void axes(StringBuilder svg, Frame f) {
        int bottom = TOP + plotHeight;
        for (double tick : ticks(f.leftMax)) {
            double y = f.y(tick, f.leftMax);
            svg.append(line(LEFT + 1, y, width - f.right - 1, y, "#eee", null));
            svg.append(text(LEFT - 6, y + 4, number(tick), "end", null));
        }
        if (rightLabel != null) {
            for (double tick : ticks(f.rightMax)) {
                svg.append(text(width - f.right + 6, f.y(tick, f.rightMax) + 4, number(tick), "start", "fill:" + rightColour));
            }
            svg.append(line(width - f.right, TOP, width - f.right, bottom, "#333", null));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" transform=\"rotate(90 %d %d)\" "
                            + "text-anchor=\"middle\" fill=\"%s\">%s</text>%n", width - 16, TOP + plotHeight / 2,
                    width - 16, TOP + plotHeight / 2, rightColour, Escape.html(rightLabel)));
        }
        for (double tick : ticks(f.xMax)) {
            svg.append(text(f.x(tick), bottom + 15, number(tick), "middle", null));
        }
        svg.append(line(LEFT, bottom, width - f.right, bottom, "#333", null));
        svg.append(line(LEFT, TOP, LEFT, bottom, "#333", null));
        svg.append(text((LEFT + width - f.right) / 2.0, bottom + 31, xLabel, "middle", null));
        svg.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%d\" transform=\"rotate(-90 16 %d)\" "
                + "text-anchor=\"middle\">%s</text>%n", TOP + plotHeight / 2, TOP + plotHeight / 2, Escape.html(yLabel)));
    }

    private void markers(StringBuilder svg, Frame f) {
        List<Marker> group = new ArrayList<>();
        for (Marker marker : markers) {
            double mx = f.x(marker.x());
            svg.append(String.format(Locale.ROOT, "<line class=\"%s\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
                            + "stroke=\"%s\" stroke-width=\"1.5\"%s><title>%s</title></line>%n",
                    Escape.html(marker.kind().name()), mx, TOP, mx, TOP + plotHeight, marker.kind().colour(),
                    dash(marker.kind().dash()), Escape.html(marker.tooltip())));
            if (!group.isEmpty() && mx - f.x(group.get(0).x()) > LABEL_SPACING) {
                svg.append(label(group, f));
                group.clear();
            }
            group.add(marker);
        }
        if (!group.isEmpty()) {
            svg.append(label(group, f));
        }
    }

    /** One label, in the first marker's colour, for markers closer together than {@link #LABEL_SPACING} pixels. */
    private String label(List<Marker> group, Frame f) {
        double mx = f.x(group.get(0).x()) + 11;
        String text = String.join(" + ", group.stream().map(m -> shorten(m.label())).toList());
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" transform=\"rotate(-90 %.1f %d)\" text-anchor=\"end\" "
                + "fill=\"%s\" font-size=\"9\">%s</text>%n", mx, TOP + 2, mx, TOP + 2, group.get(0).kind().colour(),
                Escape.html(text));
    }

    /**
     * A short line in each line's and marker kind's stroke, a swatch of each span's fill, each with its
     * name, in rows under the plot.
     *
     * @return where the last row is
     */
    private int legend(StringBuilder svg) {
        List<LegendEntry> entries = new ArrayList<>();
        lines.forEach(l -> entries.add(new LegendEntry(l.name(), l.colour(), l.dash(), false)));
        markers.stream().map(Marker::kind).distinct().forEach(k -> entries.add(new LegendEntry(k.name(), k.colour(), k.dash(), false)));
        spans.stream().map(Span::name).distinct().forEach(name -> entries.add(new LegendEntry(name, SPAN_FILL, null, true)));
        double x = LEFT;
        int y = TOP + plotHeight + 46;
        for (LegendEntry entry : entries) {
            double entryWidth = 34 + entry.name().length() * 6.2;
            if (x > LEFT && x + entryWidth > width - 10) {
                x = LEFT;
                y += LEGEND_ROW;
            }
            svg.append(entry.swatch()
                    ? String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"16\" height=\"10\" fill=\"%s\"/>%n",
                            x, y - 5, entry.colour())
                    : line(x, y, x + 16, y, entry.colour(), entry.dash()).replace("/>", " stroke-width=\"2\"/>"));
            svg.append(text(x + 20, y + 4, entry.name(), "start", null));
            x += entryWidth;
        }
        return y;
    }

    private record LegendEntry(String name, String colour, String dash, boolean swatch) {
    }

    /** Where the plot's points go: the axes' ranges and the plot's edges. */
    private static final class Frame {
        final double xMax;
        final double leftMax;
        final double rightMax;
        final int right;
        private final int plotWidth;
        private final int plotHeight;

        Frame(SvgChart chart) {
            right = chart.rightLabel == null ? 20 : 70;
            plotWidth = chart.width - LEFT - right;
            plotHeight = chart.plotHeight;
            xMax = positive(Double.isNaN(chart.xMax)
                    ? chart.lines.stream().flatMap(l -> l.points().stream()).mapToDouble(p -> p[0]).max().orElse(1)
                    : chart.xMax);
            leftMax = niceCeiling(maxY(chart, Axis.LEFT));
            rightMax = niceCeiling(maxY(chart, Axis.RIGHT));
        }

        private static double maxY(SvgChart chart, Axis axis) {
            return chart.lines.stream().filter(l -> l.axis() == axis).flatMap(l -> l.points().stream())
                    .mapToDouble(p -> p[1]).max().orElse(0);
        }

        double x(double value) {
            return LEFT + value / xMax * plotWidth;
        }

        double y(double value, double max) {
            return TOP + plotHeight - value / max * plotHeight;
        }
    }

    /** 1, 2, 2.5 or 5 times a power of ten, at least {@code value}: an axis that ends on a round number. */
    public static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * power >= value * (1 - 1e-12)) {
                return step * power;
            }
        }
        return 10 * power;
    }

    /** Round ticks from 0 to at most {@code max}, four to six of them. */
    static List<Double> ticks(double max) {
        double step = niceCeiling(max / 5);
        List<Double> ticks = new ArrayList<>();
        for (int i = 0; i * step <= max * (1 + 1e-9); i++) {
            ticks.add(i * step);
        }
        return ticks;
    }

    /** A tick's label: {@code 12.5k} from ten thousand on, {@code 20M} from ten million, else at most two decimals. */
    static String number(double value) {
        if (Math.abs(value) >= 10_000_000) {
            return plain(value / 1_000_000) + "M";
        }
        if (Math.abs(value) >= 10_000) {
            return plain(value / 1000) + "k";
        }
        return plain(value);
    }

    private static String plain(double value) {
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.2f", value)).stripTrailingZeros().toPlainString();
    }

    private static double positive(double value) {
        return value > 0 ? value : 1;
    }

    private static String shorten(String label) {
        return label.length() <= LABEL_LENGTH ? label : label.substring(0, LABEL_LENGTH - 1) + "…";
    }

    private static String dash(String pattern) {
        return pattern == null ? "" : " stroke-dasharray=\"" + pattern + "\"";
    }

    private static String line(double x1, double y1, double x2, double y2, String colour, String dash) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>%n",
                x1, y1, x2, y2, colour, dash(dash));
    }

    private static String text(double x, double y, String text, String anchor, String style) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s>%s</text>%n", x, y, anchor,
                style == null ? "" : " style=\"" + style + "\"", Escape.html(text));
    }
}
