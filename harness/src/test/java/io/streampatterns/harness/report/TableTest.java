package io.streampatterns.harness.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** One table, three formats: HTML, Markdown and console text agree cell by cell. */
class TableTest {
    private static Table table() {
        return new Table().column("pattern", "the pattern's name").number("records").column("status")
                .row(Table.Cell.of("bronze").linkTo("bronze-1"), "20,000", Table.Cell.of("PASS").status("PASS").bold())
                .row("a|b <c>", null, Table.Cell.of("FAIL").status("FAIL").title("lost \"3\""));
    }

    /** Purpose: HTML cells are escaped, numbers right-aligned, status cells coloured, links and hover texts kept. */
    @Test
    void html() {
        assertThat(table().html()).startsWith("<table><tr><th title=\"the pattern's name\">pattern</th>")
                .contains("<td><a href=\"#bronze-1\">bronze</a></td><td class=\"n\">20,000</td><td class=\"PASS\"><b>PASS</b></td>")
                .contains("<td>a|b &lt;c&gt;</td><td class=\"n\"></td><td class=\"FAIL\" title=\"lost &quot;3&quot;\">FAIL</td>");
    }

    /** Purpose: Markdown aligns numbers right, escapes a '|' inside a cell and puts strong cells in bold. */
    @Test
    void markdown() {
        assertThat(table().markdown()).isEqualTo("""
                | pattern | records | status |
                |---|---:|---|
                | bronze | 20,000 | **PASS** |
                | a\\|b <c> |  | FAIL |
                """);
    }

    /** Purpose: the console shows aligned columns without trailing blanks. */
    @Test
    void text() {
        assertThat(table().text()).isEqualTo("""
                pattern  records  status
                -------  -------  ------
                bronze   20,000   PASS
                a|b <c>           FAIL
                """);
    }

    /** Purpose: a bar is drawn in every format, its length the share given. */
    @Test
    void bars() {
        Table bars = new Table().column("bar").row(Table.Cell.bar(0.5));
        assertThat(bars.html()).contains("<div class=\"bar\" style=\"width:150px\"></div>");
        assertThat(bars.markdown()).contains("| " + "█".repeat(10) + " |");
    }

    /** Purpose: a row that does not fit the columns is refused at once, not drawn skewed. */
    @Test
    void aRowMustFillTheColumns() {
        assertThatThrownBy(() -> new Table().column("a").row("1", "2")).hasMessageContaining("a row of 2 cells for 1 columns");
    }

    /** Purpose: XML leaves out the control characters XML 1.0 forbids, and escapes like HTML. */
    @Test
    void xmlDropsForbiddenControlCharacters() {
        assertThat(Escape.xml("\u001b[31mred\u001b[0m <b> & \"q\"\tok")).isEqualTo("[31mred[0m &lt;b&gt; &amp; &quot;q&quot;\tok");
        assertThat(Escape.markdownCell("a|b\nc")).isEqualTo("a\\|b c");
    }
}
