package io.streampatterns.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchSettingsTest {

    @Test
    void theFullRunMeasuresWhatTheIssueAsks() {
        BenchSettings full = BenchSettings.fromEnvironment(Map.of());
        assertThat(full.quick()).isFalse();
        assertThat(full.parts()).containsExactlyInAnyOrder(BenchSettings.Part.values());
        assertThat(full.bronzeCaps()).containsExactly(10_000L, 50_000L, 200_000L);
        assertThat(full.rates()).containsExactly(1_000, 10_000);
        assertThat(full.realTimeIntervals()).containsExactly(Duration.ofSeconds(60), Duration.ofSeconds(5));
    }

    @Test
    void aRealTimeRunAtSixtySecondsIsMeasuredAcrossACheckpoint() {
        BenchSettings full = BenchSettings.fromEnvironment(Map.of());
        Duration sixty = full.latencyMeasureFor(Duration.ofSeconds(60));
        assertThat(full.latencyWarmup().plus(sixty)).isGreaterThan(Duration.ofSeconds(60));
        assertThat(full.latencyMeasureFor(Duration.ofSeconds(5))).isEqualTo(full.latencyMeasure());
        assertThat(full.latencyMeasureFor(null)).isEqualTo(full.latencyMeasure());
        BenchSettings quick = BenchSettings.fromEnvironment(Map.of("BENCH_QUICK", "1"));
        assertThat(quick.latencyMeasureFor(Duration.ofSeconds(60))).isEqualTo(quick.latencyMeasure());
    }

    @Test
    void partsRatesAndFlagsComeFromTheEnvironment() {
        BenchSettings s = BenchSettings.fromEnvironment(Map.of("BENCH_QUICK", "true", "BENCH_PARTS", "jmh, latency",
                "BENCH_RATES", "500", "BENCH_PROFILE", "0", "BENCH_STRICT", "1", "BENCH_BACKLOG", "1234"));
        assertThat(s.quick()).isTrue();
        assertThat(s.parts()).containsExactlyInAnyOrder(BenchSettings.Part.JMH, BenchSettings.Part.LATENCY);
        assertThat(s.runs(BenchSettings.Part.THROUGHPUT)).isFalse();
        assertThat(s.rates()).isEqualTo(List.of(500));
        assertThat(s.profile()).isFalse();
        assertThat(s.strict()).isTrue();
        assertThat(s.backlog()).isEqualTo(1234);
        assertThat(BenchSettings.fromEnvironment(Map.of("BENCH_QUICK", "0")).quick()).isFalse();
    }

    @Test
    void sparkSettingsToTry() {
        BenchSettings s = BenchSettings.fromEnvironment(Map.of("BENCH_SPARK_CONF",
                "spark.sql.parquet.compression.codec=zstd; spark.sql.shuffle.partitions = 4;"));
        assertThat(s.sparkConf()).containsExactly(Map.entry("spark.sql.parquet.compression.codec", "zstd"),
                Map.entry("spark.sql.shuffle.partitions", "4"));
        assertThatThrownBy(() -> BenchSettings.fromEnvironment(Map.of("BENCH_SPARK_CONF", "novalue")))
                .hasMessageContaining("BENCH_SPARK_CONF").hasMessageContaining("'novalue'");
    }

    @Test
    void throughputPipelinesAlwaysIncludeTheRelay() {
        assertThat(BenchSettings.fromEnvironment(Map.of()).throughputPipelines())
                .containsExactly("relay", "enrichment", "enrichment-eos", "bronze", "layouts");
        assertThat(BenchSettings.fromEnvironment(Map.of("BENCH_ENRICHMENT_CAPS", "5000,20000")).enrichmentCaps())
                .containsExactly(5_000L, 20_000L);
        assertThatThrownBy(() -> BenchSettings.fromEnvironment(Map.of("BENCH_ENRICHMENT_CAPS", "0")))
                .hasMessageContaining("BENCH_ENRICHMENT_CAPS");
        BenchSettings s = BenchSettings.fromEnvironment(Map.of("BENCH_PIPELINES", "bronze", "BENCH_CAPS", "500000, 1000000"));
        assertThat(s.throughputPipelines()).containsExactly("relay", "bronze");
        assertThat(s.bronzeCaps()).containsExactly(500_000L, 1_000_000L);
        assertThatThrownBy(() -> BenchSettings.fromEnvironment(Map.of("BENCH_PIPELINES", "silver")))
                .hasMessageContaining("BENCH_PIPELINES").hasMessageContaining("'silver'");
    }

    @Test
    void anUnknownPartIsNamed() {
        assertThatThrownBy(() -> BenchSettings.fromEnvironment(Map.of("BENCH_PARTS", "jmh,speed")))
                .hasMessageContaining("BENCH_PARTS").hasMessageContaining("'speed'").hasMessageContaining("jmh,throughput,latency");
    }

    /**
     * Purpose: every BENCH_* setting refuses a malformed value before anything starts, naming the variable,
     * what it takes and what was given.
     */
    @Test
    void malformedValuesAreRefusedInWords() {
        assertThatThrownBy(() -> BenchSettings.fromEnvironment(Map.of("BENCH_BACKLOG", "abc")))
                .hasMessage("BENCH_BACKLOG: expected a whole number of at least 1, got 'abc'");
        assertThatThrownBy(() -> BenchSettings.fromEnvironment(Map.of("BENCH_SEED", "forty-two")))
                .hasMessage("BENCH_SEED: expected a whole number, got 'forty-two'");
        assertThatThrownBy(() -> BenchSettings.fromEnvironment(Map.of("BENCH_RATES", "1000,0")))
                .hasMessage("BENCH_RATES: expected comma-separated whole numbers of at least 1, got '1000,0'");
        assertThatThrownBy(() -> BenchSettings.fromEnvironment(Map.of("BENCH_CAPS", "50k")))
                .hasMessage("BENCH_CAPS: expected comma-separated whole numbers of at least 1, got '50k'");
        assertThatThrownBy(() -> BenchSettings.fromEnvironment(Map.of("BENCH_QUICK", "sure")))
                .hasMessage("BENCH_QUICK: expected 1, true or yes, or 0, false or no, got 'sure'");
        assertThatThrownBy(() -> BenchSettings.fromEnvironment(Map.of("BENCH_JMH", "jsonParse,avroParse")))
                .hasMessageStartingWith("BENCH_JMH: expected a comma-separated subset of jsonParse,").hasMessageEndingWith("got 'avroParse'");
        assertThatThrownBy(() -> BenchSettings.fromEnvironment(Map.of("BENCH_VARIANTS", "relay,rtm_1s")))
                .hasMessageStartingWith("BENCH_VARIANTS: expected a comma-separated subset of relay,rtm_60s,").hasMessageEndingWith("got 'rtm_1s'");
    }
}
