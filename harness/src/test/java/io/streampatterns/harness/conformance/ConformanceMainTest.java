package io.streampatterns.harness.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ConformanceMainTest {
    private static final String OPTION = "CONFORMANCE_PATTERNS";

    @Test
    void noFilterSelectsEverything() {
        assertThat(ConformanceMain.select(List.of("a", "b"), Function.identity(), OPTION, Map.of())).containsExactly("a", "b");
    }

    @Test
    void aFilterKeepsTheRunOrder() {
        assertThat(ConformanceMain.select(List.of("bronze", "enrichment", "realtime"), Function.identity(), OPTION,
                Map.of(OPTION, "realtime, bronze"))).containsExactly("bronze", "realtime");
    }

    /** A misspelt name must not silently run nothing. */
    @Test
    void anUnknownNameIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> ConformanceMain.select(List.of("bronze"), Function.identity(), OPTION, Map.of(OPTION, "bronz")))
                .hasMessage("CONFORMANCE_PATTERNS: expected a comma-separated subset of bronze, got 'bronz'");
    }

    /** A check without its test method in the suite would be refused at the start of every run. */
    @Test
    void everyCheckHasItsTestInTheSuite() {
        List<ConformanceCheck> checks = ConformanceChecks.defaults().all();
        assertThat(ConformanceMain.selectors(List.of(PipelineConformanceSuite.class), checks)).hasSize(checks.size());
        assertThat(checks).extracting(ConformanceCheck::testMethodName).contains("dataLoss", "partitions", "rescale");
    }

    /**
     * Purpose: a bad setting stops the run before Kafka starts, with the documented exit code 2.
     * Pass: exit 2 and a line naming the variable and what was expected.
     */
    @Test
    void badSettingsExitWithTwoBeforeAnythingStarts() {
        assertThat(run(Map.of("CONFORMANCE_CHECKS", "delivery,speed")))
                .contains("Conformance could not start: CONFORMANCE_CHECKS: expected a comma-separated subset of").contains("got 'speed'")
                .doesNotContain("Starting Kafka");
        assertThat(run(Map.of("CONFORMANCE_PROFILE", "nightly")))
                .contains("CONFORMANCE_PROFILE: expected quick or full, got 'nightly'").doesNotContain("Starting Kafka");
        assertThat(run(Map.of("CONFORMANCE_SEED", "forty-two")))
                .contains("CONFORMANCE_SEED: expected a whole number, got 'forty-two'");
        assertThat(run(Map.of("CONFORMANCE_PARALLEL", "0"))).contains("CONFORMANCE_PARALLEL").contains("got '0'");
    }

    private static String run(Map<String, String> environment) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = ConformanceMain.run(environment, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(2);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
