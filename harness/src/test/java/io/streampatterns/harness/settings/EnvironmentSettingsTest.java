package io.streampatterns.harness.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Typed settings from the environment: a default when unset, a refusal in words when malformed. */
class EnvironmentSettingsTest {

    private static EnvironmentSettings env(String name, String value) {
        return new EnvironmentSettings(Map.of(name, value));
    }

    /** Purpose: an unset or blank variable means the default, for every type. */
    @Test
    void unsetOrBlankMeansTheDefault() {
        EnvironmentSettings blank = env("X", "  ");
        assertThat(blank.text("X")).isEmpty();
        assertThat(blank.flag("X", true)).isTrue();
        assertThat(blank.wholeNumber("X", 42)).isEqualTo(42);
        assertThat(blank.wholeNumbers("X", 1, 9, List.of(3L))).containsExactly(3L);
        assertThat(blank.names("X", List.of("a"))).containsExactly("a");
        assertThat(blank.subset("X", List.of("a"))).isEmpty();
        assertThat(blank.pairs("X", ";")).isEmpty();
    }

    /** Purpose: values are read stripped, lists in the order given and each name once. */
    @Test
    void valuesAreReadAsWritten() {
        assertThat(env("X", " 7 ").wholeNumber("X", 1, 10, 0)).isEqualTo(7);
        assertThat(env("X", "-3").wholeNumber("X", 0)).isEqualTo(-3);
        assertThat(env("X", "YES").flag("X", false)).isTrue();
        assertThat(env("X", "0").flag("X", true)).isFalse();
        assertThat(env("X", "500, 100").wholeNumbers("X", 1, 1_000, List.of())).containsExactly(500L, 100L);
        assertThat(env("X", " b, a ,b").subset("X", List.of("a", "b"))).containsExactly("b", "a");
        assertThat(env("X", "k=v; k2 = v2;").pairs("X", ";")).containsExactly(entry("k", "v"), entry("k2", "v2"));
    }

    /**
     * Purpose: a malformed value is refused with the variable's name, what was expected and what was given.
     * Pass: one message of that form per type.
     */
    @Test
    void aMalformedValueIsRefusedInWords() {
        assertThatThrownBy(() -> env("BENCH_BACKLOG", "abc").wholeNumber("BENCH_BACKLOG", 1, Integer.MAX_VALUE, 1))
                .hasMessage("BENCH_BACKLOG: expected a whole number of at least 1, got 'abc'");
        assertThatThrownBy(() -> env("BENCH_BACKLOG", "0").wholeNumber("BENCH_BACKLOG", 1, Integer.MAX_VALUE, 1))
                .hasMessage("BENCH_BACKLOG: expected a whole number of at least 1, got '0'");
        assertThatThrownBy(() -> env("BENCH_BACKLOG", "3000000000").wholeNumber("BENCH_BACKLOG", 1, Integer.MAX_VALUE, 1))
                .hasMessage("BENCH_BACKLOG: expected a whole number of at least 1 and at most 2147483647, got '3000000000'");
        assertThatThrownBy(() -> env("SEED", "4.2").wholeNumber("SEED", 1))
                .hasMessage("SEED: expected a whole number, got '4.2'");
        assertThatThrownBy(() -> env("RATES", "1000,ten").wholeNumbers("RATES", 1, Integer.MAX_VALUE, List.of()))
                .hasMessage("RATES: expected comma-separated whole numbers of at least 1, got '1000,ten'");
        assertThatThrownBy(() -> env("QUICK", "maybe").flag("QUICK", false))
                .hasMessage("QUICK: expected 1, true or yes, or 0, false or no, got 'maybe'");
        assertThatThrownBy(() -> env("PARTS", "jmh,speed").subset("PARTS", List.of("jmh", "latency")))
                .hasMessage("PARTS: expected a comma-separated subset of jmh,latency, got 'speed'");
        assertThatThrownBy(() -> env("CONF", "a=1;novalue").pairs("CONF", ";"))
                .hasMessage("CONF: expected key=value pairs separated by ';', got 'novalue'");
    }
}
