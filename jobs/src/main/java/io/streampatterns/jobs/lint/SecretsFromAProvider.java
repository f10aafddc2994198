package io.streampatterns.jobs.lint;

import io.streampatterns.jobs.config.PipelineConfig;
import io.streampatterns.jobs.config.SecretReference;
import java.util.List;

/**
 * A password, JAAS login or token written into the file ends up in version control, in job
 * definitions and in logs. It must be a reference, {@code ${secret:NAME}}, resolved from a secret
 * provider when the job runs. The problem names the key, never the value.
 */
final class SecretsFromAProvider implements LintRule {
    @Override
    public List<LintProblem> check(PipelineConfig config, LintContext context) {
        return config.all().entrySet().stream()
                .filter(entry -> SecretReference.sensitive(entry.getKey()) && !entry.getValue().isEmpty()
                        && !SecretReference.is(entry.getValue()))
                .map(entry -> new LintProblem(config.file(), entry.getKey(), "a secret written inline; expected a "
                        + "reference to a secret provider, " + entry.getKey() + "=${secret:NAME}"))
                .toList();
    }
}
