package io.streampatterns.chaos.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The seed decides every random choice of a scenario, and only the seed and the scenario's name do. */
class ScenarioPlanTest {

    private static final ChaosScenario RANDOM = ChaosScenario.parse("random", "random choices",
            "at 8s..14s kill broker:random; +3s..8s mid-batch kill driver; +1s start driver; start broker:random");

    /**
     * Purpose: the same seed gives the same plan, so a failing run can be repeated.
     *
     * <p>How: 1. plan the scenario twice with seed 42; 2. plan it with seeds 1..20.
     *
     * <p>Pass: the two seed-42 plans are equal; the twenty seeds give more than one distinct plan.
     */
    @Test
    void theSameSeedGivesTheSamePlan() {
        // 1. Twice with one seed
        assertThat(ScenarioPlan.of(RANDOM, 42)).isEqualTo(ScenarioPlan.of(RANDOM, 42));

        // 2. Other seeds choose differently
        long distinct = LongStream.rangeClosed(1, 20).mapToObj(seed -> ScenarioPlan.of(RANDOM, seed).steps()).distinct().count();
        assertThat(distinct).isGreaterThan(1);
    }

    /**
     * Purpose: random times fall inside their windows; fixed times are kept; broker:random means one node throughout.
     *
     * <p>How: plan the scenario with 200 seeds.
     *
     * <p>Pass: the kill is between 8 and 14 s; the driver kill 3 to 8 s after; the start 1 s after; the
     * node of broker:random is 1, 2 or 3 and the same in the kill and the start.
     */
    @Test
    void randomChoicesStayInsideTheirWindows() {
        for (long seed = 0; seed < 200; seed++) {
            List<ScenarioPlan.PlannedStep> steps = ScenarioPlan.of(RANDOM, seed).steps();

            assertThat(steps.get(0).delay()).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(14));
            assertThat(steps.get(1).delay()).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(8));
            assertThat(steps.get(2).delay()).isEqualTo(Duration.ofSeconds(1));
            assertThat(steps.get(0).randomNode()).isBetween(1, 3).isEqualTo(steps.get(3).randomNode());
            assertThat(steps.get(1).randomNode()).isZero();
        }
    }

    /**
     * Purpose: a plan reads as what will happen.
     *
     * <p>How: plan a fixed scenario and print its steps.
     *
     * <p>Pass: "at 10.0 s kill broker:controller" and "+2.5 s mid-batch kill driver".
     */
    @Test
    void aPlanReadsAsWhatWillHappen() {
        ChaosScenario fixed = ChaosScenario.parse("fixed", "", "at 10s kill broker:controller; +2.5s mid-batch kill driver");

        assertThat(ScenarioPlan.of(fixed, 1).steps()).map(Object::toString)
                .containsExactly("at 10.0 s kill broker:controller", "+2.5 s mid-batch kill driver");
    }
}
