package io.streampatterns.jobs.run;

import io.streampatterns.jobs.config.InvalidConfigException;
import io.streampatterns.jobs.config.PipelineConfig;
import java.util.List;

/** The patterns {@code run} can build from a configuration; the others are refused by name. */
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
