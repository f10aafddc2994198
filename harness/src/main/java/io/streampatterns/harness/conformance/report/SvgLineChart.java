package io.streampatterns.harness.conformance.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small line chart as inline SVG: axes with a few ticks, one coloured line per series, a legend.
 * Self-contained, so a report opens from a CI artifact without a network or a script.
 */
public final class SvgLineChart {
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"};
    private static final int WIDTH = 640;
    private static final int HEIGHT = 320;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 30;
    private static final int BOTTOM = 50;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final Map<String, List<double[]>> series = new LinkedHashMap<>();

    public SvgLineChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** Adds a line of (x, y) points. */
    public SvgLineChart series(String name, List<double[]> points) {
        if (!points.isEmpty()) {
            series.put(name, points);
        }
        return this;
    }

    public boolean isEmpty() {
        return series.isEmpty();
    }

    public String render() {
        double maxX = max(0);
        double maxY = max(1);
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">%n",
                WIDTH, HEIGHT));
        svg.append(text(WIDTH / 2.0, 18, title, "middle", "bold 13px sans-serif"));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n",
                LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n",
                LEFT, TOP, LEFT, HEIGHT - BOTTOM));
        for (int i = 0; i <= 4; i++) {
            double xv = maxX * i / 4;
            double yv = maxY * i / 4;
            svg.append(text(x(xv, maxX), HEIGHT - BOTTOM + 15, number(xv), "middle", null));
            svg.append(text(LEFT - 6, y(yv, maxY) + 4, number(yv), "end", null));
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>%n",
                    LEFT + 1, y(yv, maxY), WIDTH - RIGHT, y(yv, maxY)));
        }
        svg.append(text(WIDTH / 2.0, HEIGHT - 12, xLabel, "middle", null));
        svg.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" transform=\"rotate(-90 14 %d)\" text-anchor=\"middle\">%s</text>%n",
                HEIGHT / 2, HEIGHT / 2, escape(yLabel)));
        int index = 0;
        for (Map.Entry<String, List<double[]>> line : series.entrySet()) {
            String colour = COLOURS[index % COLOURS.length];
            StringBuilder points = new StringBuilder();
            for (double[] p : line.getValue()) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(p[0], maxX), y(p[1], maxY)));
            }
            svg.append(String.format("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
                    colour, points.toString().trim()));
            int ly = TOP + 14 * index;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>%n",
                    WIDTH - RIGHT - 150, ly, colour));
            svg.append(text(WIDTH - RIGHT - 136, ly + 9, line.getKey(), "start", null));
            index++;
        }
        return svg.append("</svg>\n").toString();
    }

    private double max(int axis) {
        double max = series.values().stream().flatMap(List::stream).mapToDouble(p -> p[axis]).max().orElse(1);
        return max <= 0 ? 1 : max;
    }

    private static double x(double value, double max) {
        return LEFT + value / max * (WIDTH - LEFT - RIGHT);
    }

    private static double y(double value, double max) {
        return HEIGHT - BOTTOM - value / max * (HEIGHT - TOP - BOTTOM);
    }

    private static String number(double value) {
        if (value >= 10_000) {
            return String.format(Locale.ROOT, "%.0fk", value / 1000);
        }
        if (value >= 100 || value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return String.format(Locale.ROOT, value >= 10 ? "%.1f" : "%.2f", value);
    }

    private static String text(double x, double y, String text, String anchor, String font) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s>%s</text>%n", x, y, anchor,
                font == null ? "" : " style=\"font:" + font + "\"", escape(text));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
