package io.streampatterns.jobs.run;

import io.streampatterns.core.StreamingPattern;
import io.streampatterns.core.secrets.SecretProvider;
import io.streampatterns.jobs.config.PipelineConfig;

/**
 * How one pattern is built from a configuration file. A pattern becomes runnable from the command
 * line by one class implementing this, listed in {@link PatternJobs}: it applies the options every
 * pattern shares ({@link ConfiguredOptions}) and reads its own keys.
 */
public interface PatternJob {
    /** The pattern's name, as the configuration's {@code pattern} key gives it. */
    String pattern();

    /**
     * The pattern built from {@code config}, secrets resolved through {@code secrets}.
     *
     * @throws io.streampatterns.core.InvalidPipelineException naming each option at fault
     * @throws io.streampatterns.jobs.config.InvalidConfigException for a value that cannot be read
     */
    StreamingPattern build(PipelineConfig config, SecretProvider secrets);
}
