package io.streampatterns.harness.report;

/** Text made safe for the formats the reports write: HTML (and the SVG inside it), XML, Markdown. */
public final class Escape {

    private Escape() {
    }

    /** For HTML and SVG text and double-quoted attribute values. */
    public static String html(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /**
     * For XML text and double-quoted attribute values: as {@link #html}, and without the control
     * characters XML 1.0 forbids (a message quoting a broker's coloured log line holds ESC), which
     * would make the whole file unreadable to a CI system.
     */
    public static String xml(String text) {
        return html(text).replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]", "");
    }

    /** For a Markdown table cell: a '|' would end the cell, a line break the row. */
    public static String markdownCell(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("|", "\\|").replace("\r\n", " ").replace("\n", " ");
    }
}
