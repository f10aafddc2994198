package io.streampatterns.jobs.lint;

import io.streampatterns.core.Durations;
import io.streampatterns.core.TriggerPolicy;
import io.streampatterns.jobs.config.PipelineConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The SLA/3 rule: a micro-batch trigger at most a third of the business SLA, so that a record that
 * just missed a batch waits one interval, is processed in the next, and still lands within the SLA.
 */
final class TriggerWithinSlaThird implements LintRule {
    @Override
    public List<LintProblem> check(PipelineConfig config, LintContext context) {
        Optional<Duration> sla = config.duration("sla");
        Optional<TriggerPolicy> trigger = config.trigger();
        if (sla.isEmpty() || trigger.isEmpty() || trigger.get().kind() != TriggerPolicy.Kind.PROCESSING_TIME) {
            return List.of();
        }
        Duration most = TriggerPolicy.maxIntervalFor(sla.get());
        if (trigger.get().interval().compareTo(most) <= 0) {
            return List.of();
        }
        return List.of(new LintProblem(config.file(), "trigger", Durations.format(trigger.get().interval())
                + " is longer than a third of sla " + Durations.format(sla.get()) + "; expected at most "
                + Durations.format(most) + " (or leave trigger out: sla alone derives it)"));
    }
}
