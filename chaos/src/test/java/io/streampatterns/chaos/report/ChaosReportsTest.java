package io.streampatterns.chaos.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streampatterns.chaos.ChaosReport;
import io.streampatterns.chaos.ChaosSettings;
import io.streampatterns.chaos.ScenarioResult;
import io.streampatterns.chaos.measure.ChaosVerdict;
import io.streampatterns.chaos.measure.FaultMarker;
import io.streampatterns.chaos.measure.Sample;
import io.streampatterns.chaos.measure.Timeline;
import io.streampatterns.chaos.scenario.ChaosScenarios;
import io.streampatterns.chaos.scenario.ScenarioPlan;
import io.streampatterns.core.Sink.DeliveryGuarantee;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The chaos reports, fed a run with a pass (a broker kill and its recovery), a failure and a skip. */
class ChaosReportsTest {
    private static final ScenarioPlan PLAN = ScenarioPlan.of(ChaosScenarios.smoke(), 42);

    /** 30 s at 500 records/s; the output stalls from 8 to 14 s after a kill at 8 s and catches up by 20 s. */
    static Timeline timeline() {
        List<Sample> samples = new ArrayList<>();
        long output = 0;
        for (int i = 0; i <= 60; i++) {
            long acknowledged = i * 250L;
            if (i < 16 || i >= 28) {
                output = Math.min(acknowledged, output + (i >= 28 ? 800 : 250));
            }
            samples.add(new Sample(i * 500L, acknowledged, acknowledged, output, output, true));
        }
        return new Timeline(samples, List.of(new FaultMarker(8_000, "kill broker 2 (leader of the busiest partition)", true),
                new FaultMarker(11_000, "kill driver mid-batch (batch 9 planned, 8 committed)", true),
                new FaultMarker(12_000, "driver running", false), new FaultMarker(20_000, "broker 2 serving again", false),
                new FaultMarker(20_400, "all replicas in sync", false)));
    }

    static ChaosReport report() {
        BitSet acknowledged = new BitSet();
        acknowledged.set(0, 15_000);
        long[] exactlyOnce = LongStream.range(0, 15_000).toArray();
        long[] oneLost = LongStream.range(1, 15_000).toArray();
        ScenarioResult pass = new ScenarioResult("bronze", PLAN, ScenarioResult.Status.PASS, "15,000 acknowledged, all in the"
                + " output once", DeliveryGuarantee.EXACTLY_ONCE, ChaosVerdict.of(DeliveryGuarantee.EXACTLY_ONCE, 15_000,
                acknowledged, exactlyOnce), timeline(), 2, List.of(), List.of(), Duration.ofSeconds(61));
        ScenarioResult fail = new ScenarioResult("enrichment", PLAN, ScenarioResult.Status.FAIL, "1 acknowledged record"
                + " lost: seq 0", DeliveryGuarantee.AT_LEAST_ONCE, ChaosVerdict.of(DeliveryGuarantee.AT_LEAST_ONCE, 15_000,
                acknowledged, oneLost), timeline(), 3, List.of("java.lang.OutOfMemoryError: Java heap space"),
                List.of("seq 7: TimeoutException"), Duration.ofSeconds(64));
        ScenarioResult skipped = new ScenarioResult("realtime", PLAN, ScenarioResult.Status.SKIPPED, "no fixture for"
                + " <realtime>", null, null, new Timeline(List.of(), List.of()), 0, List.of(), List.of(), Duration.ZERO);
        return new ChaosReport("3 KRaft brokers", ChaosSettings.withSeed(42), Instant.EPOCH, Duration.ofMinutes(3),
                List.of(pass, fail, skipped), List.of("pattern avro has no chaos fixture"));
    }

    /**
     * Purpose: the Markdown report has every figure of every run and each run's plan and faults.
     * Pass: a table row with the counts, the plan with its seed, each fault with its recovery, the
     * longest stall, the driver's unplanned exit and the failed send.
     */
    @Test
    void markdownHasTheTableAndEachRunsFaults() {
        String md = MarkdownChaosReport.render(report());

        assertThat(md).contains("3 scenario runs: 1 PASS, 1 FAIL, 1 SKIPPED")
                .contains("Repeat the plan with `CHAOS_SEED=42 make chaos`")
                .contains("> pattern avro has no chaos fixture")
                .contains("| smoke | bronze | exactly-once | PASS | 15,000 | 15,000 | 15,000 | 0 | 0 |")
                .contains("| smoke | enrichment | at-least-once | FAIL | 15,000 | 15,000 | 14,999 | 1 | 0 |")
                .contains("|---|---|---|---|---:|")
                .contains("- Plan (seed 42,")
                .contains("- 8.0 s: kill broker 2 (leader of the busiest partition); output growing again after")
                .contains("- Longest stall: ")
                .contains("- Driver JVM starts: 3, unplanned exits: 1: java.lang.OutOfMemoryError: Java heap space")
                .contains("- Sends not acknowledged (first few): seq 7: TimeoutException");
    }

    /**
     * Purpose: the HTML report is one self-contained page with a section and a timeline per run that ran.
     * Pass: coloured status cells linking to sections, two charts (the skipped run has none), markup escaped,
     * nothing fetched.
     */
    @Test
    void htmlHasASectionAndATimelinePerRun() {
        String html = HtmlChaosReport.render(report());

        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</body></html>\n")
                .contains("<a href=\"#smoke-bronze\">smoke</a>", "<section id=\"smoke-bronze\">", "<section id=\"smoke-realtime\">")
                .contains("<td class=\"FAIL\" title=\"1 acknowledged record lost: seq 0\">FAIL</td>")
                .contains("<code>CHAOS_SEED=42 make chaos</code>", "<b>Note:</b> pattern avro has no chaos fixture")
                .contains("no fixture for &lt;realtime&gt;")
                .doesNotContain("<script").doesNotContain("https://").doesNotContain("src=");
        assertThat(html.split("<svg", -1)).hasSize(3);
    }

    /** Purpose: the JSON report has every run with its figures, faults and timeline columns. */
    @Test
    void jsonHasEveryRunWithFiguresAndTimeline() throws Exception {
        JsonNode json = new ObjectMapper().readTree(JsonChaosReport.render(report()));

        assertThat(json.path("passed").asBoolean()).isFalse();
        assertThat(json.path("results")).hasSize(3);
        JsonNode fail = json.path("results").get(1);
        assertThat(fail.path("figures").path("lost").asLong()).isEqualTo(1);
        assertThat(fail.path("faults")).hasSize(2);
        assertThat(fail.path("samples").path("at_s")).hasSize(61);
        assertThat(json.path("results").get(2).path("figures").isEmpty()).isTrue();
    }
}
