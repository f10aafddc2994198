package io.streampatterns.harness.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConformanceMainIT {

    /**
     * Purpose: {@code make conformance} ends with its table, its summary and where the reports are.
     * How: run one cell that does not apply (bronze × dlq: Kafka and Spark start, the check is skipped)
     * through the JUnit Platform launcher, printing into a buffer.
     * Pass: exit 0; the output holds the progress line, the table's header and row, the summary and the
     * reports' line; report.md and TEST-conformance.xml exist.
     */
    @Test
    void printsTheTableAndTheSummaryAfterTheChecks() {
        // 1. One cell
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = ConformanceMain.run(Map.of("CONFORMANCE_PATTERNS", "bronze", "CONFORMANCE_CHECKS", "dlq"),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);

        // 2. Progress, table, summary, reports
        assertThat(exit).as(out).isZero();
        assertThat(out).contains("[ 1/1] bronze").containsPattern("pattern\\s+dlq")
                .containsPattern("bronze\\s+N/A").contains("0 passed, 0 failed, 1 not applicable")
                .contains("Reports: ");
        assertThat(ConformanceMain.OUTPUT.resolve("report.md")).exists();
        assertThat(Files.exists(ConformanceMain.OUTPUT.resolve("TEST-conformance.xml"))).isTrue();
    }
}
