package io.streampatterns.harness.report;

import java.util.List;

/**
 * A self-contained HTML report: one stylesheet inline, charts as inline SVG, no script and nothing
 * fetched, so it opens from a CI artifact without a network. Text is escaped unless a method says
 * it takes HTML.
 *
 * <pre>{@code
 * HtmlPage page = new HtmlPage("streampatterns chaos", "Chaos report");
 * page.paragraph("2 passed").table(table).charts(List.of(chart));
 * Files.writeString(path, page.render());
 * }</pre>
 */
public final class HtmlPage {
    private static final String STYLE = """
            body{font-family:sans-serif;margin:2em;color:#222;max-width:1400px}
            table{border-collapse:collapse;margin:.5em 0}
            td,th{border:1px solid #ccc;padding:5px 9px;text-align:left;font-size:13px} td.n{text-align:right}
            td.PASS,td.MET{background:#dff5e1} td.FAIL,td.MISSED{background:#fbdada}
            td.NOT_APPLICABLE,td.SKIPPED,td.NOT_MEASURED{background:#f1f1f1;color:#777}
            .bar{background:#1f77b4;height:12px}
            .warn{background:#fff3cd;padding:.5em;border:1px solid #e0c060}
            section{margin:2em 0;padding-top:.5em;border-top:1px solid #ddd}
            svg{margin:1em 1em 0 0;border:1px solid #eee;max-width:100%;height:auto}
            li{margin:.3em 0} code{background:#f4f4f4;padding:1px 4px}
            """;

    private final StringBuilder body = new StringBuilder();
    private final String title;

    /**
     * @param title the browser tab's title
     * @param heading the page's {@code <h1>}
     */
    public HtmlPage(String title, String heading) {
        this.title = title;
        body.append("<h1>").append(Escape.html(heading)).append("</h1>\n");
    }

    /** {@code <h2>} to {@code <h6>}. */
    public HtmlPage heading(int level, String text) {
        body.append("<h").append(level).append('>').append(Escape.html(text)).append("</h").append(level).append(">\n");
        return this;
    }

    public HtmlPage paragraph(String text) {
        body.append("<p>").append(Escape.html(text)).append("</p>\n");
        return this;
    }

    /** A paragraph written with Markdown's inline marks, {@code **bold**} and {@code `code`}. */
    public HtmlPage markdownParagraph(String text) {
        body.append("<p>").append(inlineMarkdown(text)).append("</p>\n");
        return this;
    }

    /** A highlighted paragraph: what a reader must not miss about every figure below. */
    public HtmlPage warning(String text) {
        body.append("<p class=\"warn\">").append(Escape.html(text)).append("</p>\n");
        return this;
    }

    /** A bulleted list whose items are written with Markdown's inline marks. */
    public HtmlPage list(List<String> items) {
        if (!items.isEmpty()) {
            body.append("<ul>\n");
            items.forEach(item -> body.append("<li>").append(inlineMarkdown(item)).append("</li>\n"));
            body.append("</ul>\n");
        }
        return this;
    }

    public HtmlPage table(Table table) {
        body.append(table.html());
        return this;
    }

    /** The charts side by side, leaving out those without data. */
    public HtmlPage charts(List<SvgChart> charts) {
        List<SvgChart> drawn = charts.stream().filter(chart -> !chart.isEmpty()).toList();
        if (!drawn.isEmpty()) {
            body.append("<div class=\"charts\">\n");
            drawn.forEach(chart -> body.append(chart.render()));
            body.append("</div>\n");
        }
        return this;
    }

    /** Starts a {@code <section>} that {@code #id} links to, headed by an {@code <h2>}; end it with {@link #endSection()}. */
    public HtmlPage section(String id, String heading) {
        body.append("<section id=\"").append(Escape.html(id)).append("\"><h2>").append(Escape.html(heading)).append("</h2>\n");
        return this;
    }

    public HtmlPage endSection() {
        body.append("</section>\n");
        return this;
    }

    /** The whole page. */
    public String render() {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Escape.html(title)
                + "</title>\n<style>\n" + STYLE + "</style></head><body>\n" + body + "</body></html>\n";
    }

    /** Text with Markdown's {@code **bold**} and {@code `code`} as HTML, everything else escaped. */
    static String inlineMarkdown(String text) {
        return Escape.html(text).replaceAll("\\*\\*(.+?)\\*\\*", "<b>$1</b>").replaceAll("`(.+?)`", "<code>$1</code>");
    }
}
