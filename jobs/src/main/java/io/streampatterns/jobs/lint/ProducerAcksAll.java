package io.streampatterns.jobs.lint;

import io.streampatterns.jobs.config.PipelineConfig;
import java.util.List;
import java.util.Set;

/**
 * A producer that does not wait for every in-sync replica loses what a failed leader had
 * acknowledged. Kafka's producers default to {@code acks=all}; a configuration may only lower it.
 */
final class ProducerAcksAll implements LintRule {
    private static final Set<String> ALL = Set.of("all", "-1");

    @Override
    public List<LintProblem> check(PipelineConfig config, LintContext context) {
        return config.get("kafka.acks").filter(acks -> !ALL.contains(acks.strip().toLowerCase(java.util.Locale.ROOT)))
                .map(acks -> List.of(new LintProblem(config.file(), "kafka.acks", acks + "; expected all (the default): "
                        + "with fewer acknowledgements a broker failure loses records the sink was told were written")))
                .orElse(List.of());
    }
}
