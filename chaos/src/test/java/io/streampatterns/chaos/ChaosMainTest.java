package io.streampatterns.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.streampatterns.chaos.scenario.ChaosScenario;
import io.streampatterns.chaos.scenario.ChaosScenarios;
import io.streampatterns.harness.settings.EnvironmentSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code make chaos} runs is chosen by environment variables, and a wrong value is refused in words. */
class ChaosMainTest {

    /**
     * Purpose: CHAOS_SCENARIOS selects scenarios by name, in the order given; unset means all.
     *
     * <p>How: select with a list that has spaces, a repeat and the smoke scenario; select with nothing.
     *
     * <p>Pass: driver-kill then smoke, once each; all nine for nothing.
     */
    @Test
    void scenariosAreSelectedByName() {
        assertThat(ChaosMain.scenarios(scenarios(" driver-kill, smoke ,driver-kill"))).map(ChaosScenario::name)
                .containsExactly("driver-kill", "smoke");
        assertThat(ChaosMain.scenarios(new EnvironmentSettings(Map.of()))).isEqualTo(ChaosScenarios.all()).hasSize(9);
    }

    /**
     * Purpose: an unknown scenario name fails before anything starts, naming the variable and the known names.
     *
     * <p>How: select "driver-kil".
     *
     * <p>Pass: IllegalArgumentException naming it and the known names.
     */
    @Test
    void anUnknownScenarioIsRefused() {
        assertThatThrownBy(() -> ChaosMain.scenarios(scenarios("driver-kil")))
                .hasMessageContaining("CHAOS_SCENARIOS: expected a comma-separated subset of").hasMessageContaining("got 'driver-kil'")
                .hasMessageContaining("broker-kill-controller");
    }

    /**
     * Purpose: CHAOS_SEED and CHAOS_RATE are read as numbers; a seed is chosen when none is given.
     *
     * <p>How: read settings from an environment with both, with neither, and with a bad seed.
     *
     * <p>Pass: seed 42 and 800/s; the default rate and some non-negative seed; an error naming CHAOS_SEED.
     */
    @Test
    void seedAndRateComeFromTheEnvironment() {
        ChaosSettings set = ChaosSettings.fromEnvironment(Map.of("CHAOS_SEED", "42", "CHAOS_RATE", "800"));
        ChaosSettings unset = ChaosSettings.fromEnvironment(Map.of());

        assertThat(set.seed()).isEqualTo(42);
        assertThat(set.rate()).isEqualTo(800);
        assertThat(unset.rate()).isEqualTo(ChaosSettings.DEFAULT_RATE);
        assertThat(unset.seed()).isNotNegative();
        assertThatThrownBy(() -> ChaosSettings.fromEnvironment(Map.of("CHAOS_SEED", "forty-two")))
                .hasMessageContaining("CHAOS_SEED: expected a whole number, got 'forty-two'");
    }

    /**
     * Purpose: CHAOS_KAFKA_OPTIONS hands client properties to the pattern under test; a malformed pair is refused.
     *
     * <p>How: read two pairs with spaces; read a pair without '='.
     *
     * <p>Pass: both properties, trimmed; an error naming the variable and the bad pair.
     */
    @Test
    void kafkaOptionsAreNameValuePairs() {
        ChaosSettings settings = ChaosSettings.fromEnvironment(Map.of("CHAOS_KAFKA_OPTIONS",
                " default.api.timeout.ms=10000, request.timeout.ms = 5000"));

        assertThat(settings.pipelineKafkaOptions())
                .containsOnly(entry("default.api.timeout.ms", "10000"), entry("request.timeout.ms", "5000"));
        assertThatThrownBy(() -> ChaosSettings.fromEnvironment(Map.of("CHAOS_KAFKA_OPTIONS", "acks")))
                .hasMessageContaining("CHAOS_KAFKA_OPTIONS: expected key=value pairs separated by ',', got 'acks'");
    }

    /**
     * Purpose: CHAOS_RATE must be a positive whole number, and says so.
     *
     * <p>How: read a rate of zero and one that is not a number.
     *
     * <p>Pass: both refused, naming CHAOS_RATE, what it takes and the value given.
     */
    @Test
    void aBadRateIsRefusedInWords() {
        assertThatThrownBy(() -> ChaosSettings.fromEnvironment(Map.of("CHAOS_RATE", "0")))
                .hasMessage("CHAOS_RATE: expected a whole number of at least 1, got '0'");
        assertThatThrownBy(() -> ChaosSettings.fromEnvironment(Map.of("CHAOS_RATE", "fast")))
                .hasMessage("CHAOS_RATE: expected a whole number of at least 1, got 'fast'");
    }

    private static EnvironmentSettings scenarios(String names) {
        return new EnvironmentSettings(Map.of("CHAOS_SCENARIOS", names));
    }
}
