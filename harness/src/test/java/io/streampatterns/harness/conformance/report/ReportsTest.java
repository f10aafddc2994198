package io.streampatterns.harness.conformance.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streampatterns.harness.conformance.CheckResult;
import io.streampatterns.harness.conformance.CheckStatus;
import io.streampatterns.harness.conformance.ConformanceCheck;
import io.streampatterns.harness.conformance.ConformanceEnvironment;
import io.streampatterns.harness.conformance.ConformanceReport;
import io.streampatterns.harness.conformance.Outcome;
import io.streampatterns.harness.conformance.PipelineUnderTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The report writers, fed a report with a pass, a failure and a not-applicable result. */
class ReportsTest {

    private static ConformanceCheck check(String name) {
        return new ConformanceCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return "checks " + name;
            }

            @Override
            public Optional<String> notApplicableBecause(PipelineUnderTest pipeline) {
                return Optional.empty();
            }

            @Override
            public Outcome run(PipelineUnderTest pipeline, ConformanceEnvironment env) {
                throw new UnsupportedOperationException("not run in this test");
            }
        };
    }

    private static final ConformanceReport REPORT = new ConformanceReport("embedded: 1 KRaft broker", Instant.EPOCH,
            Duration.ofSeconds(42), List.of("bronze", "realtime"), List.of(check("delivery"), check("lag")), List.of(
            new CheckResult("bronze", "delivery", CheckStatus.PASS, "20000 sent, 20000 written: all present", "20000/20000",
                    Map.of("sent", 20000, "written", 20000), Duration.ofSeconds(9)),
            new CheckResult("bronze", "lag", CheckStatus.FAIL, "batch 3 read 25000 records, over the cap of 20000",
                    "12 s, 5 batches", Map.of("backlog", 100000, "lag_after_batch", List.of(80000, 55000, 30000, 5000, 0),
                            "seconds_at_batch_end", List.of(2.5, 5.0, 7.5, 10.0, 12.5)),
                    Duration.ofSeconds(12)),
            new CheckResult("realtime", "delivery", CheckStatus.PASS, "ok", "2000/2000", Map.of(), Duration.ofSeconds(5)),
            CheckResult.notApplicable("realtime", "lag", "Real-Time Mode has no maxOffsetsPerTrigger")));

    /** The JSON contract: one entry per pattern and check with pattern, check, status, message and figures. */
    @Test
    void jsonHasOneEntryPerPatternAndCheck() throws Exception {
        JsonNode json = new ObjectMapper().readTree(JsonReport.render(REPORT));

        assertThat(json.path("passed").asBoolean()).isFalse();
        assertThat(json.path("results")).hasSize(4);
        JsonNode lag = json.path("results").get(1);
        assertThat(lag.path("pattern").asText()).isEqualTo("bronze");
        assertThat(lag.path("check").asText()).isEqualTo("lag");
        assertThat(lag.path("status").asText()).isEqualTo("FAIL");
        assertThat(lag.path("message").asText()).contains("over the cap");
        assertThat(lag.path("figures").path("lag_after_batch")).hasSize(5);
        assertThat(json.path("results").get(3).path("status").asText()).isEqualTo("NOT_APPLICABLE");
    }

    @Test
    void consoleTableShowsEveryCellAndEveryFailure() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleReport.print(REPORT, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertThat(out).contains("PASS 20000/20000").contains("FAIL 12 s, 5 batches").contains("N/A")
                .contains("FAIL bronze × lag: batch 3 read 25000 records, over the cap of 20000")
                .contains("2 passed, 1 failed, 1 not applicable");
    }

    @Test
    void htmlDrawsTheLagChart() {
        String html = HtmlReport.render(REPORT);

        assertThat(html).contains("<svg").contains("Lag recovery").contains("<polyline")
                .contains("class=\"FAIL\"");
    }

    /** The page says what each check proves, so a reader need not look up a check's name. */
    @Test
    void htmlSaysWhatEachCheckProves() {
        assertThat(HtmlReport.render(REPORT)).contains("What each check proves").contains("checks delivery")
                .contains("checks lag");
    }

    @Test
    void markdownHasTheTable() {
        assertThat(MarkdownReport.render(REPORT)).contains("| bronze | PASS 20000/20000 | FAIL 12 s, 5 batches |")
                .contains("| realtime | PASS 2000/2000 | N/A |");
    }
}
