package io.streampatterns.harness.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A report's table, built once and written as HTML, Markdown or plain text, so the formats of one
 * report cannot disagree on a figure.
 *
 * <pre>{@code
 * Table table = new Table().column("pattern").number("records");
 * table.row("bronze", "20,000");
 * table.row(Table.Cell.of("realtime").linkTo("realtime"), Table.Cell.of("–").status("FAIL"));
 * }</pre>
 */
public final class Table {
    /** Characters of a full bar in Markdown and plain text. */
    static final int TEXT_BAR = 20;
    /** Pixels of a full bar in HTML. */
    static final int HTML_BAR = 300;

    /** A header: its name, a hover text (null for none), and whether its cells are numbers (right-aligned). */
    record Column(String name, String title, boolean number) {
    }

    /**
     * One cell: its text, and how the HTML shows it.
     *
     * @param status a CSS class the page colours (PASS, FAIL, MET, MISSED, ...), or null
     * @param title the hover text, or null
     * @param link an anchor on the same page the text links to, or null
     * @param strong bold in HTML and Markdown
     * @param bar a bar this share (0 to 1) of the cell's width long, drawn after the text; negative for none
     */
    public record Cell(String text, String status, String title, String link, boolean strong, double bar) {
        public static Cell of(String text) {
            return new Cell(text == null ? "" : text, null, null, null, false, -1);
        }

        /** A bar {@code share} of the full length (clamped to 0..1), without text. */
        public static Cell bar(double share) {
            return new Cell("", null, null, null, false, Double.isNaN(share) ? 0 : Math.max(0, Math.min(1, share)));
        }

        public Cell status(String cssClass) {
            return new Cell(text, cssClass, title, link, strong, bar);
        }

        public Cell title(String hover) {
            return new Cell(text, status, hover, link, strong, bar);
        }

        public Cell linkTo(String anchor) {
            return new Cell(text, status, title, anchor, strong, bar);
        }

        /** In bold. */
        public Cell bold() {
            return new Cell(text, status, title, link, true, bar);
        }
    }

    private final List<Column> columns = new ArrayList<>();
    private final List<List<Cell>> rows = new ArrayList<>();

    /** Adds a column of text. */
    public Table column(String name) {
        return column(name, null);
    }

    /** Adds a column of text whose header shows {@code title} on hover. */
    public Table column(String name, String title) {
        columns.add(new Column(name, title, false));
        return this;
    }

    /** Adds a column of numbers: right-aligned. */
    public Table number(String name) {
        columns.add(new Column(name, null, true));
        return this;
    }

    /**
     * Adds a row: one value per column, each a {@link Cell} or anything else as its text (null as
     * an empty cell).
     */
    public Table row(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("a row of " + values.length + " cells for " + columns.size() + " columns");
        }
        List<Cell> row = new ArrayList<>();
        for (Object value : values) {
            row.add(value instanceof Cell cell ? cell : Cell.of(value == null ? "" : value.toString()));
        }
        rows.add(row);
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** A {@code <table>}: header row, then a row per row; numbers right-aligned, status cells coloured. */
    public String html() {
        StringBuilder html = new StringBuilder("<table><tr>");
        for (Column column : columns) {
            html.append("<th").append(attribute("title", column.title())).append('>')
                    .append(Escape.html(column.name())).append("</th>");
        }
        html.append("</tr>\n");
        for (List<Cell> row : rows) {
            html.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                html.append(htmlCell(row.get(i), columns.get(i).number()));
            }
            html.append("</tr>\n");
        }
        return html.append("</table>\n").toString();
    }

    private static String htmlCell(Cell cell, boolean number) {
        String css = String.join(" ", java.util.stream.Stream.of(number ? "n" : null, cell.status())
                .filter(c -> c != null).toList());
        StringBuilder text = new StringBuilder(Escape.html(cell.text()));
        if (cell.link() != null) {
            text.insert(0, "<a href=\"#" + Escape.html(cell.link()) + "\">").append("</a>");
        }
        if (cell.strong()) {
            text.insert(0, "<b>").append("</b>");
        }
        if (cell.bar() >= 0) {
            text.append(String.format(Locale.ROOT, "<div class=\"bar\" style=\"width:%.0fpx\"></div>", cell.bar() * HTML_BAR));
        }
        return "<td" + attribute("class", css.isEmpty() ? null : css) + attribute("title", cell.title()) + ">" + text + "</td>";
    }

    private static String attribute(String name, String value) {
        return value == null ? "" : " " + name + "=\"" + Escape.html(value) + "\"";
    }

    /** A Markdown table: numbers right-aligned, strong cells in bold, bars as block characters. */
    public String markdown() {
        StringBuilder md = new StringBuilder("|");
        columns.forEach(column -> md.append(' ').append(Escape.markdownCell(column.name())).append(" |"));
        md.append("\n|");
        columns.forEach(column -> md.append(column.number() ? "---:|" : "---|"));
        md.append('\n');
        for (List<Cell> row : rows) {
            md.append('|');
            for (Cell cell : row) {
                String text = Escape.markdownCell(plain(cell));
                md.append(' ').append(cell.strong() && !text.isEmpty() ? "**" + text + "**" : text).append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }

    /** Plain text in aligned columns, for a console: header, a dashed line, the rows. */
    public String text() {
        List<List<String>> lines = new ArrayList<>();
        lines.add(columns.stream().map(Column::name).toList());
        lines.add(columns.stream().map(column -> "-".repeat(column.name().length())).toList());
        rows.forEach(row -> lines.add(row.stream().map(Table::plain).toList()));
        int[] widths = new int[columns.size()];
        for (List<String> line : lines) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> line : lines) {
            StringBuilder padded = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                padded.append(line.get(i)).append(" ".repeat(widths[i] - line.get(i).length() + 2));
            }
            text.append(padded.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }

    private static String plain(Cell cell) {
        return cell.bar() < 0 ? cell.text() : cell.text() + "█".repeat((int) Math.round(cell.bar() * TEXT_BAR));
    }
}
