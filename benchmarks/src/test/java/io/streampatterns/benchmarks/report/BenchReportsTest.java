package io.streampatterns.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streampatterns.benchmarks.BenchSettings;
import io.streampatterns.benchmarks.Samples;
import io.streampatterns.benchmarks.Targets;
import io.streampatterns.benchmarks.e2e.BatchSteps;
import io.streampatterns.benchmarks.e2e.BronzeLayout;
import io.streampatterns.benchmarks.e2e.LayoutResult;
import io.streampatterns.benchmarks.e2e.ThroughputResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchReportsTest {
    private static final BenchSettings FULL = BenchSettings.fromEnvironment(Map.of());

    private final BenchReport report = Samples.report(FULL,
            List.of(Samples.relay(400_000), Samples.enrichment(80_000), Samples.bronze(10_000, 20_000),
                    Samples.bronze(50_000, 60_000), Samples.bronze(200_000, 70_000)),
            List.of(Samples.latency("relay", 1000, 2, 6), Samples.latency("rtm_60s", 1000, 6, 40),
                    Samples.latency("rtm_5s", 1000, 6, 450), Samples.latency("microbatch", 1000, 400, 900)));

    @Test
    void markdownHasTheTargetsEveryTableAndWhereTheTimeGoes() {
        String md = MarkdownBenchReport.render(report);
        assertThat(md).contains("# Benchmark report")
                .contains("Machine: 2 cores (Test CPU), 23.4 GiB, OpenJDK 17, Linux")
                .contains("**Taken under load")
                .contains("| Real-Time Mode (checkpoint 60 s) p99 at 1,000 events/s ≤ 25 ms | p99 40 ms | **MISSED** |")
                .contains("| jsonParse | 250,000 | ± 12,000 | 3 |")
                .contains("| Kafka→Delta bronze | 200,000 | 70,000 | 17.5% |")
                .contains("| 2857 ms | 58,333 | 500,000 / 500,000 |")
                .contains("| raw kafka-clients relay (baseline) | – | 400,000 | baseline |")
                .contains("### 1,000 events/s")
                .contains("| rtm_60s label | 6 | 6 | 40 | 40 | 40 | 6.7× |")
                .contains("| throughput: bronze_50000 | 1200 MiB | 310 MiB | 1.20 | 0.30 |")
                .contains("### Missed: Real-Time Mode (checkpoint 60 s) p99 at 1,000 events/s ≤ 25 ms (p99 40 ms); Missed:")
                .contains("Tried: rtm_5s label at the same rate")
                .contains("the whole machine 97%: the machine was saturated")
                .contains("Where the CPU went at each cap (JFR, largest components): at 10,000: Kafka client")
                .contains("## How it was measured");
        assertThat(md).doesNotContain("quick run").doesNotContain("Bound from JMH");
    }

    /**
     * Purpose: the report prices exactly-once: per cap against at-least-once, and the latency of each.
     * How: a report with enrichment at 10,000 both ways (20,000 and 8,000 records/s, batches of 500 and
     * 1,250 ms) and micro-batch latency both ways at 1,000 events/s.
     * Pass: the section gives the ratio (40.0%), the extra 750 ms a batch and the p99 of each.
     */
    @Test
    void theReportPricesExactlyOncePerCap() {
        BenchReport priced = Samples.report(FULL,
                List.of(Samples.relay(400_000), Samples.enrichment(10_000, 20_000, 500, false),
                        Samples.enrichment(10_000, 8_000, 1_250, true)),
                List.of(Samples.latency("microbatch", 1000, 400, 900), Samples.latency("microbatch_eos", 1000, 700, 1800)));

        assertThat(MarkdownBenchReport.render(priced)).contains("### The price of exactly-once into Kafka")
                .contains("At maxOffsetsPerTrigger 10,000: exactly-once 8,000 records/s against at-least-once 20,000 (40.0%);"
                        + " a batch took 1250 ms against 500 ms (+750 ms")
                .contains("exactly-once p50 700 ms, p99 1800 ms")
                .contains("the exactly-once p99 is 200.0% of the at-least-once one");
        assertThat(MarkdownBenchReport.render(report)).doesNotContain("The price of exactly-once");
    }

    @Test
    void onAQuietMachineTheJsonParseBoundsBronze() {
        BenchReport quiet = new BenchReport(report.startedAt(), report.took(), report.machine(), "0.20 0.10 0.05",
                "1.10 0.50 0.20", report.kafka(), report.jvmFlags(), report.settings(), report.jmh(), report.throughput(),
                report.latency(), report.targets(), report.errors(), report.layouts());
        assertThat(quiet.underLoad()).isFalse();
        assertThat(MarkdownBenchReport.render(quiet)).doesNotContain("Taken under load")
                .contains("Bound from JMH: bronze's JSON parse alone, on cached rows with no Kafka and no Delta, ran at"
                        + " 250,000 rows/s (62.5% of the relay's rate)");
    }

    /**
     * Purpose: other work during a run marks the report as taken under load, the benchmark's own load does not.
     * How: two reports with a quiet start; in one, a Spark run's machine used 0.95 while its JVM used 0.40 and
     * the broker 0.3 of 2 cores (other work 0.40 of the machine), in the other 0.75 (other work 0.20).
     * Pass: only the first is under load.
     */
    @Test
    void workOutsideTheBenchmarkMarksTheRunAsUnderLoad() {
        BenchReport busy = quietStart(List.of(Samples.relay(400_000), Samples.bronze(200_000, 70_000, Samples.profile(0.40, 0.95))));
        BenchReport alone = quietStart(List.of(Samples.relay(400_000), Samples.bronze(200_000, 70_000, Samples.profile(0.40, 0.75))));
        assertThat(busy.otherWorkShare()).isCloseTo(0.40, within(1e-9));
        assertThat(busy.underLoad()).isTrue();
        assertThat(alone.underLoad()).isFalse();
    }

    private BenchReport quietStart(List<ThroughputResult> throughput) {
        return new BenchReport(report.startedAt(), report.took(), report.machine(), "0.20 0.10 0.05", "3.10 2.50 1.20",
                report.kafka(), report.jvmFlags(), report.settings(), report.jmh(), throughput, List.of(), report.targets(),
                report.errors(), report.layouts());
    }

    /**
     * Purpose: the layouts section shows what each layout costs, and a layout whose silver answer differs
     * from the others' is called out (its table does not hold the same data).
     * How: a report with three layouts, the third answering differently. Pass: the section and its rows;
     * "DIFFERS" on the third only; the JSON has every layout.
     */
    @Test
    void layoutsAreComparedAndADifferentAnswerIsCalledOut() throws Exception {
        List<LayoutResult> layouts = List.of(Samples.layout(BronzeLayout.SEED, 40_000, "[[click,10,5.0]]"),
                Samples.layout(BronzeLayout.TYPED, 50_000, "[[click,10,5.0]]"),
                Samples.layout(BronzeLayout.RAW, 90_000, "[[click,9,4.0]]"));
        List<ThroughputResult> throughput = List.of(Samples.relay(200_000), layouts.get(0).run(), layouts.get(1).run(),
                layouts.get(2).run());
        BenchReport withLayouts = new BenchReport(report.startedAt(), report.took(), report.machine(), report.loadAtStart(),
                report.loadAtEnd(), report.kafka(), report.jvmFlags(), report.settings(), report.jmh(), throughput, List.of(),
                Targets.evaluate(throughput, List.of()), List.of(), layouts);

        String md = MarkdownBenchReport.render(withLayouts);
        assertThat(md).contains("### Bronze layouts").contains("| the seeds' code as written | 40,000 |")
                .contains("DIFFERS: [[click,9,4.0]]");
        assertThat(md.split("DIFFERS", -1)).hasSize(2);
        assertThat(md).contains("Met: the fastest bronze layout ≥ 40%")
                .contains("raw value bytes, parsed in silver: 90,000 records/s, 45.0% of the relay, 13.3 µs of driver CPU a record")
                .contains("Reading pays for what writing skipped");
        assertThat(HtmlBenchReport.render(withLayouts)).contains("Bronze layouts");
        JsonNode json = new ObjectMapper().readTree(JsonBenchReport.render(withLayouts));
        assertThat(json.get("layouts")).hasSize(3);
        assertThat(json.get("layouts").get(2).get("silver_query_ms").asLong()).isEqualTo(900);
    }

    /**
     * Purpose: the steps of a bronze batch are shown beside the baseline's at each cap, and the fixed-cost
     * target's finding says what each step cost before and after.
     * How: baseline and bronze at 10,000 and 50,000, each with its steps (the baseline's state rebuild 300 ms,
     * bronze's 0). Pass: the section, its columns and rows in markdown and HTML; the finding's lines; the
     * JSON's steps per run.
     */
    @Test
    void bronzesBatchStepsAreShownBesideTheBaseline() throws Exception {
        List<ThroughputResult> throughput = List.of(Samples.relay(400_000),
                Samples.bronzeBaseline(10_000, 10_000 / 1.1).withSteps(Samples.steps(300)),
                Samples.bronzeBaseline(50_000, 50_000 / 1.3).withSteps(Samples.steps(300)),
                Samples.bronze(10_000, 10_000 / 0.35).withSteps(Samples.steps(0)),
                Samples.bronze(50_000, 50_000 / 0.55).withSteps(Samples.steps(0)));
        BenchReport stepped = new BenchReport(report.startedAt(), report.took(), report.machine(), report.loadAtStart(),
                report.loadAtEnd(), report.kafka(), report.jvmFlags(), report.settings(), report.jmh(), throughput, List.of(),
                Targets.evaluate(throughput, List.of()), List.of(), List.of());

        String md = MarkdownBenchReport.render(stepped);
        assertThat(md).contains("### The steps of a bronze batch")
                .contains("| step | baseline 10,000 | bronze 10,000 | baseline 50,000 | bronze 50,000 |")
                .contains("| " + BatchSteps.STATE_REBUILD + " | 300 | 0 | 300 | 0 |")
                .contains("| a batch in all | 580 | 280 | 580 | 280 |");
        assertThat(md).contains("Met: Kafka→Delta bronze's fixed cost per batch at cap 10,000")
                .contains(BatchSteps.STATE_REBUILD + ": 300 → 0 ms per batch.");
        assertThat(HtmlBenchReport.render(stepped)).contains("The steps of a bronze batch")
                .contains("streaming sink and table defaults");
        JsonNode json = new ObjectMapper().readTree(JsonBenchReport.render(stepped));
        assertThat(json.get("throughput").get(1).get("batch_steps_ms").get(BatchSteps.STATE_REBUILD).asDouble()).isEqualTo(300);
    }

    @Test
    void htmlIsSelfContainedWithChartsPerRate() {
        String html = HtmlBenchReport.render(report);
        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</body></html>\n")
                .contains("Throughput against maxOffsetsPerTrigger")
                .contains("Latency CDF at 1,000 events/s")
                .contains("Zoom: relay and Real-Time Mode (60 s)")
                .contains("target for bronze: 25% of relay")
                .contains("<td class=\"MISSED\">")
                .doesNotContain("<script").doesNotContain("https://").doesNotContain("src=");
        assertThat(html.split("<svg", -1)).hasSize(4);
        assertThat(html).contains("<h2>4. Memory and CPU per run</h2>");
    }

    @Test
    void jsonHasEveryFigureAndTheRatios() throws Exception {
        JsonNode json = new ObjectMapper().readTree(JsonBenchReport.render(report));
        assertThat(json.get("under_load").asBoolean()).isTrue();
        assertThat(json.get("all_targets_met").asBoolean()).isFalse();
        assertThat(json.get("targets")).hasSize(10);
        JsonNode bronzeTarget = json.get("targets").get(7);
        assertThat(bronzeTarget.get("id").asText()).isEqualTo("bronze_vs_relay");
        assertThat(bronzeTarget.get("status").asText()).isEqualTo("MISSED");
        JsonNode bronze = json.get("throughput").get(4);
        assertThat(bronze.get("max_offsets_per_trigger").asLong()).isEqualTo(200_000);
        assertThat(bronze.get("ratio_to_relay").asDouble()).isEqualTo(0.175);
        assertThat(bronze.get("peak_rss_mib").get("broker-1").asDouble()).isEqualTo(310);
        assertThat(bronze.get("cpu_cores").get("driver").asDouble()).isEqualTo(1.2);
        assertThat(bronze.get("batches_detail").get(1).get("start_ms").asLong()).isEqualTo(9_000);
        assertThat(bronze.get("batches_detail").get(1).get("rows").asLong()).isEqualTo(200_000);
        assertThat(json.get("throughput").get(0).get("ratio_to_relay").asDouble()).isEqualTo(1.0);
        JsonNode rtm = json.get("latency").get(1);
        assertThat(rtm.get("p99_ms").asLong()).isEqualTo(40);
        assertThat(rtm.get("cdf").size()).isGreaterThan(10);
        assertThat(rtm.get("profile").get("machineCpu").asDouble()).isEqualTo(0.97);
        assertThat(json.get("jmh").get(1).get("error").asText()).isEqualTo("NaN");
        assertThat(json.get("settings").get("bronze_max_offsets_per_trigger")).hasSize(3);
    }

    @Test
    void aQuickRunSaysItsFiguresAreNotToBeQuoted() {
        BenchReport quick = Samples.report(BenchSettings.fromEnvironment(Map.of("BENCH_QUICK", "1")), List.of(), List.of());
        assertThat(MarkdownBenchReport.render(quick)).contains("quick run (BENCH_QUICK=1)").contains("Not run.")
                .contains("No target was measured in this run.");
        assertThat(HtmlBenchReport.render(quick)).contains("Quick run: smoke-sized");
    }
}
