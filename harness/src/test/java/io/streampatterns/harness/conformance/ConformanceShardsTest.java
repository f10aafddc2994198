package io.streampatterns.harness.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConformanceShardsTest {
    private static final Map<String, Integer> CHECKS_THAT_APPLY = Map.of("bronze", 10, "enrichment", 10,
            "realtime", 8, "metrics", 5, "schema-validation", 12, "schema-validation-realtime", 9, "routing", 10,
            "avro", 11, "secured", 10);
    private static final List<String> RUN_ORDER = List.of("bronze", "enrichment", "realtime", "metrics",
            "schema-validation", "schema-validation-realtime", "routing", "avro", "secured");

    /**
     * Purpose: the patterns are split so that no JVM gets much more work than another.
     * How: split the nine patterns, weighted by the checks that apply to each, over two JVMs.
     * Pass: every pattern in exactly one share, each share in the run's order, the weights 40 and 45.
     */
    @Test
    void splitsTheWorkEvenlyAndKeepsTheRunOrder() {
        // 1. Split
        List<List<String>> shares = ConformanceShards.split(RUN_ORDER, 2, CHECKS_THAT_APPLY::get);

        // 2. Each pattern once, in run order within a share, weights close
        assertThat(shares).hasSize(2);
        assertThat(shares.stream().flatMap(List::stream)).containsExactlyInAnyOrderElementsOf(RUN_ORDER);
        shares.forEach(share -> assertThat(share).isSortedAccordingTo(
                (a, b) -> Integer.compare(RUN_ORDER.indexOf(a), RUN_ORDER.indexOf(b))));
        assertThat(shares.stream().map(share -> share.stream().mapToInt(CHECKS_THAT_APPLY::get).sum()))
                .containsExactlyInAnyOrder(40, 45);
    }

    /**
     * Purpose: asking for more JVMs than patterns starts no idle JVM.
     * How: split two patterns over four.
     * Pass: two shares of one pattern each.
     */
    @Test
    void startsNoJvmWithoutAPattern() {
        assertThat(ConformanceShards.split(List.of("bronze", "metrics"), 4, CHECKS_THAT_APPLY::get))
                .containsExactly(List.of("bronze"), List.of("metrics"));
    }

    /**
     * Purpose: a share that does not run fails the whole run; the other shares' results alone must
     * never make a passing report. How: one share whose child JVM refuses its settings
     * (CONFORMANCE_CHECKS=speed) before Kafka starts. Pass: no report, and the share's own line and
     * why it counts as not run in the output.
     */
    @Test
    void aShareThatDoesNotRunFailsTheRun(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        // 1. A share that exits before it runs anything
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        ConformanceReport report = ConformanceShards.run(List.of(List.of("bronze")), List.of("bronze"), List.of(),
                Map.of("CONFORMANCE_CHECKS", "speed"), dir,
                new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));

        // 2. No report; the reason on the console
        assertThat(report).isNull();
        assertThat(bytes.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("[1] Conformance could not start: CONFORMANCE_CHECKS", "[1] exited with 2 without its results");
    }
}
