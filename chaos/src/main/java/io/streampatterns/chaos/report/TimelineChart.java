package io.streampatterns.chaos.report;

import io.streampatterns.chaos.measure.FaultMarker;
import io.streampatterns.chaos.measure.Stall;
import io.streampatterns.chaos.measure.Timeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A scenario's timeline as inline SVG: input and output throughput (records/s, left axis) and lag
 * (records waiting, right axis) over seconds since production started, a vertical line at each fault
 * (red, dashed) and repair (green, dotted) with its label, and the longest stall shaded. Self-contained,
 * so the report opens from a CI artifact without a network or a script.
 */
public final class TimelineChart {
    static final String INPUT_COLOUR = "#7f7f7f";
    static final String OUTPUT_COLOUR = "#1f77b4";
    static final String LAG_COLOUR = "#ff7f0e";
    static final String FAULT_COLOUR = "#d62728";
    static final String REPAIR_COLOUR = "#2ca02c";
    private static final int WIDTH = 800;
    private static final int HEIGHT = 340;
    private static final int LEFT = 70;
    private static final int RIGHT = 70;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;
    /** Markers closer than this many pixels share one label. */
    private static final double LABEL_SPACING = 9;

    private TimelineChart() {
    }

    /** The chart of {@code timeline}, titled {@code title}. */
    public static String render(String title, Timeline timeline) {
        List<double[]> input = timeline.inputRate();
        List<double[]> output = timeline.outputRate();
        List<double[]> lag = timeline.lag();
        double maxX = Math.max(1, timeline.endMillis() / 1000.0);
        double maxRate = niceCeiling(Math.max(max(input), max(output)));
        double maxLag = niceCeiling(max(lag));
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">%n",
                WIDTH, HEIGHT));
        svg.append(text(WIDTH / 2.0, 16, title, "middle", "font-weight:bold;font-size:13px"));
        Stall stall = timeline.longestStall();
        if (stall.millis() > 0) {
            double x1 = x(stall.fromMillis() / 1000.0, maxX);
            double x2 = x(stall.toMillis() / 1000.0, maxX);
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#fbdada\" opacity=\"0.6\"><title>longest stall %.1f s</title></rect>%n",
                    x1, TOP, Math.max(1, x2 - x1), HEIGHT - TOP - BOTTOM, stall.millis() / 1000.0));
        }
        axes(svg, maxX, maxRate, maxLag);
        svg.append(polyline(input, maxX, maxRate, INPUT_COLOUR, "4 2"));
        svg.append(polyline(output, maxX, maxRate, OUTPUT_COLOUR, null));
        svg.append(polyline(lag, maxX, maxLag, LAG_COLOUR, null));
        List<FaultMarker> group = new ArrayList<>();
        for (FaultMarker marker : timeline.markers()) {
            double mx = x(marker.atMillis() / 1000.0, maxX);
            String colour = marker.fault() ? FAULT_COLOUR : REPAIR_COLOUR;
            svg.append(String.format(Locale.ROOT,
                    "<line class=\"%s\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-width=\"1.5\" stroke-dasharray=\"%s\"><title>%s</title></line>%n",
                    marker.fault() ? "fault" : "repair", mx, TOP, mx, HEIGHT - BOTTOM, colour, marker.fault() ? "5 3" : "2 3",
                    escape(String.format(Locale.ROOT, "%.1f s: %s", marker.atMillis() / 1000.0, marker.label()))));
            if (!group.isEmpty() && mx - x(group.get(0).atMillis() / 1000.0, maxX) > LABEL_SPACING) {
                svg.append(label(group, maxX));
                group.clear();
            }
            group.add(marker);
        }
        if (!group.isEmpty()) {
            svg.append(label(group, maxX));
        }
        legend(svg);
        return svg.append("</svg>\n").toString();
    }

    /**
     * One label for markers closer together than {@link #LABEL_SPACING} pixels (a broker that serves
     * again and its replicas back in sync a moment later), so their texts do not overprint.
     */
    private static String label(List<FaultMarker> group, double maxX) {
        double mx = x(group.get(0).atMillis() / 1000.0, maxX);
        String colour = group.stream().anyMatch(FaultMarker::fault) ? FAULT_COLOUR : REPAIR_COLOUR;
        String text = String.join(" + ", group.stream().map(m -> shorten(m.label())).toList());
        return String.format(Locale.ROOT,
                "<text x=\"%.1f\" y=\"%d\" transform=\"rotate(-90 %.1f %d)\" text-anchor=\"end\" fill=\"%s\" font-size=\"9\">%s</text>%n",
                mx + 3, TOP + 2, mx + 3, TOP + 2, colour, escape(text));
    }

    private static void axes(StringBuilder svg, double maxX, double maxRate, double maxLag) {
        int bottom = HEIGHT - BOTTOM;
        svg.append(line(LEFT, bottom, WIDTH - RIGHT, bottom, "#333"));
        svg.append(line(LEFT, TOP, LEFT, bottom, "#333"));
        svg.append(line(WIDTH - RIGHT, TOP, WIDTH - RIGHT, bottom, "#333"));
        for (int i = 0; i <= 4; i++) {
            double y = y(maxRate * i / 4, maxRate);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>%n",
                    LEFT + 1, y, WIDTH - RIGHT - 1, y));
            svg.append(text(LEFT - 6, y + 4, number(maxRate * i / 4), "end", null));
            svg.append(text(WIDTH - RIGHT + 6, y + 4, number(maxLag * i / 4), "start", "fill:" + LAG_COLOUR));
            svg.append(text(x(maxX * i / 4, maxX), bottom + 15, number(maxX * i / 4), "middle", null));
        }
        svg.append(text((LEFT + WIDTH - RIGHT) / 2.0, HEIGHT - 22, "seconds since production started", "middle", null));
        svg.append(String.format(Locale.ROOT,
                "<text x=\"16\" y=\"%d\" transform=\"rotate(-90 16 %d)\" text-anchor=\"middle\">records/s</text>%n",
                HEIGHT / 2, HEIGHT / 2));
        svg.append(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" transform=\"rotate(90 %d %d)\" text-anchor=\"middle\" fill=\"%s\">lag (records waiting)</text>%n",
                WIDTH - 16, HEIGHT / 2, WIDTH - 16, HEIGHT / 2, LAG_COLOUR));
    }

    private static void legend(StringBuilder svg) {
        String[][] entries = {{"input acknowledged/s", INPUT_COLOUR}, {"output/s", OUTPUT_COLOUR}, {"lag", LAG_COLOUR},
                {"fault", FAULT_COLOUR}, {"repair", REPAIR_COLOUR}};
        double x = LEFT;
        for (String[] entry : entries) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>%n",
                    x, HEIGHT - 12, entry[1]));
            svg.append(text(x + 14, HEIGHT - 3, entry[0], "start", null));
            x += 24 + entry[0].length() * 6.2;
        }
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"10\" height=\"10\" fill=\"#fbdada\"/>%n",
                x, HEIGHT - 12));
        svg.append(text(x + 14, HEIGHT - 3, "longest stall", "start", null));
    }

    private static String polyline(List<double[]> points, double maxX, double maxY, String colour, String dash) {
        if (points.isEmpty()) {
            return "";
        }
        StringBuilder coordinates = new StringBuilder();
        for (double[] p : points) {
            coordinates.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(p[0], maxX), y(p[1], maxY)));
        }
        return String.format("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.8\"%s points=\"%s\"/>%n", colour,
                dash == null ? "" : " stroke-dasharray=\"" + dash + "\"", coordinates.toString().trim());
    }

    private static double max(List<double[]> points) {
        return points.stream().mapToDouble(p -> p[1]).max().orElse(0);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code value}: round tick labels. */
    static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static double x(double value, double max) {
        return LEFT + value / max * (WIDTH - LEFT - RIGHT);
    }

    private static double y(double value, double max) {
        return HEIGHT - BOTTOM - value / max * (HEIGHT - TOP - BOTTOM);
    }

    private static String line(double x1, double y1, double x2, double y2, String colour) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>%n",
                x1, y1, x2, y2, colour);
    }

    private static String number(double value) {
        if (value >= 10_000) {
            return String.format(Locale.ROOT, "%.0fk", value / 1000);
        }
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String shorten(String label) {
        return label.length() <= 34 ? label : label.substring(0, 33) + "…";
    }

    private static String text(double x, double y, String text, String anchor, String style) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s>%s</text>%n", x, y, anchor,
                style == null ? "" : " style=\"" + style + "\"", escape(text));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
