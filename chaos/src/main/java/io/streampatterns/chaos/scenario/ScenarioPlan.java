package io.streampatterns.chaos.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A scenario with every random choice made: the time of each step drawn from its window and the
 * node of {@code broker:random}. A pure function of the scenario and the seed, so the same
 * {@code CHAOS_SEED} gives the same plan (which pattern runs it, and which other scenarios run, do
 * not matter: the seed is mixed with the scenario's name).
 *
 * <p>What the seed cannot repeat is the machine's timing: where in a batch a kill lands, how long a
 * restart takes. The plan and the measured timeline are both in the report.
 *
 * @param scenario the scenario
 * @param seed the run's seed
 * @param steps one planned step per scenario step, in order
 */
public record ScenarioPlan(ChaosScenario scenario, long seed, List<PlannedStep> steps) {

    /**
     * One step with its time fixed.
     *
     * @param step the step as written
     * @param delay how long after the pipeline is warm ({@code step.when().relative()} false) or after
     *     the previous step finished (true) it happens
     * @param randomNode the node {@code broker:random} stands for in this plan; 0 for other targets
     */
    public record PlannedStep(FaultStep step, Duration delay, int randomNode) {

        /** E.g. {@code at 11.2 s kill broker:controller} or {@code +4.7 s mid-batch kill driver}. */
        @Override
        public String toString() {
            String time = String.format(java.util.Locale.ROOT, "%.1f s", delay.toMillis() / 1000.0);
            String target = randomNode > 0 ? "broker:random (node " + randomNode + ")" : step.target().toString();
            return (step.when().relative() ? "+" + time : "at " + time) + (step.when().midBatch() ? " mid-batch " : " ")
                    + step.action().word() + " " + target;
        }
    }

    public ScenarioPlan {
        steps = List.copyOf(steps);
    }

    /** Draws every random choice of {@code scenario} from {@code seed}. */
    public static ScenarioPlan of(ChaosScenario scenario, long seed) {
        SplittableRandom random = new SplittableRandom(mix(seed, scenario.name()));
        int randomNode = 0;
        List<PlannedStep> planned = new ArrayList<>();
        for (FaultStep step : scenario.steps()) {
            Duration delay = step.when().draw(random);
            int node = 0;
            if (step.target().kind() == FaultTarget.Kind.BROKER_RANDOM) {
                if (randomNode == 0) {
                    randomNode = 1 + random.nextInt(FaultTarget.MAX_NODE_ID);
                }
                node = randomNode;
            }
            planned.add(new PlannedStep(step, delay, node));
        }
        return new ScenarioPlan(scenario, seed, planned);
    }

    /** A scenario's own stream of random numbers: the seed mixed with its name. */
    static long mix(long seed, String name) {
        long h = seed;
        for (char c : name.toCharArray()) {
            h = (h ^ c) * 0x100000001B3L;
        }
        return h ^ (h >>> 31);
    }
}
