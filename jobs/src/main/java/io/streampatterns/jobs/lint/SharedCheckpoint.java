package io.streampatterns.jobs.lint;

import io.streampatterns.jobs.config.PipelineConfig;
import java.nio.file.Path;
import java.util.List;

/** Two pipelines on one checkpoint overwrite each other's offsets: each needs a folder of its own. */
final class SharedCheckpoint implements LintRule {
    @Override
    public List<LintProblem> check(PipelineConfig config, LintContext context) {
        if (config.get("checkpointLocation").isEmpty()) {
            return List.of(new LintProblem(config.file(), "checkpointLocation", "not set; expected a folder of this "
                    + "pipeline's own: it is how a restart resumes"));
        }
        String mine = normalized(config.get("checkpointLocation").get());
        return context.all().stream()
                .filter(other -> other != config && other.get("checkpointLocation").map(SharedCheckpoint::normalized)
                        .filter(mine::equals).isPresent())
                .map(other -> new LintProblem(config.file(), "checkpointLocation", mine + " is also the checkpoint of "
                        + other.file() + "; expected a folder of each pipeline's own"))
                .toList();
    }

    /** Local paths by their absolute form, URIs as written, less a trailing slash. */
    static String normalized(String location) {
        String trimmed = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
        if (trimmed.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:/.*") && !trimmed.startsWith("file:")) {
            return trimmed;
        }
        return Path.of(trimmed.replaceFirst("^file:(//)?", "")).toAbsolutePath().normalize().toString();
    }
}
