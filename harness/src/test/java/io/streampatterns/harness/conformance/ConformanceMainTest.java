package io.streampatterns.harness.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ConformanceMainTest {

    @Test
    void noFilterSelectsEverything() {
        assertThat(ConformanceMain.select(List.of("a", "b"), Function.identity(), null)).containsExactly("a", "b");
    }

    @Test
    void aFilterKeepsTheRunOrder() {
        assertThat(ConformanceMain.select(List.of("bronze", "enrichment", "realtime"), Function.identity(), "realtime, bronze"))
                .containsExactly("bronze", "realtime");
    }

    /** A misspelt name must not silently run nothing. */
    @Test
    void anUnknownNameIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> ConformanceMain.select(List.of("bronze"), Function.identity(), "bronz"))
                .hasMessage("'bronz' is not one of [bronze]");
    }
}
