package io.streampatterns.jobs.run;

import io.streampatterns.jobs.config.InvalidConfigException;
import io.streampatterns.jobs.config.PipelineConfig;
import java.util.List;

/**
 * The job of each pattern {@code run} builds from a configuration: one for every name of
 * {@link io.streampatterns.jobs.config.PatternNames#ALL}, in its order (PatternJobsTest holds them to
 * it); a name no job knows is refused, naming those there are.
 */
public final class PatternJobs {
    static final List<PatternJob> ALL = List.of(new BronzeJob(), new EnrichmentJob(), new RealTimeJob(), new MetricsJob(),
            new SchemaValidationJob(), new RealTimeSchemaValidationJob(), new RoutingJob(), new AvroToJsonJob(),
            new SecuredJob());

    private PatternJobs() {
    }

    /** The job of {@code config}'s {@code pattern}; refused, naming the runnable ones, when there is none. */
    public static PatternJob of(PipelineConfig config) {
        String pattern = config.get("pattern").orElse("");
        return ALL.stream().filter(job -> job.pattern().equals(pattern)).findFirst()
                .orElseThrow(() -> config.invalid("pattern", pattern, "a pattern run can start: "
                        + String.join(", ", ALL.stream().map(PatternJob::pattern).toList())));
    }
}
