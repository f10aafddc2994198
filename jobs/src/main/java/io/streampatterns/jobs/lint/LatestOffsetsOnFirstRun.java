package io.streampatterns.jobs.lint;

import io.streampatterns.jobs.config.PipelineConfig;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code startingOffsets=latest} on a pipeline's first run skips every record already in the topic.
 * A checkpoint that holds offsets wins over startingOffsets, so the setting only bites on a first
 * run: a local checkpoint folder without offsets. A checkpoint on remote storage is not looked at
 * (said in a note).
 */
final class LatestOffsetsOnFirstRun implements LintRule {
    @Override
    public List<LintProblem> check(PipelineConfig config, LintContext context) {
        if (!config.get("startingOffsets").map("latest"::equalsIgnoreCase).orElse(false)) {
            return List.of();
        }
        String location = config.get("checkpointLocation").orElse("");
        if (location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") && !location.startsWith("file:")) {
            context.note(config, "startingOffsets=latest: the checkpoint " + location + " is not local, so whether this is "
                    + "a first run was not checked");
            return List.of();
        }
        Path offsets = Path.of(location.replaceFirst("^file:(//)?", "")).resolve("offsets");
        String[] entries = new File(offsets.toString()).list((dir, name) -> name.matches("\\d+"));
        if (Files.isDirectory(offsets) && entries != null && entries.length > 0) {
            return List.of();
        }
        return List.of(new LintProblem(config.file(), "startingOffsets", "latest on a first run (no offsets in "
                + offsets + "): the records already in the topic are skipped; expected earliest (the default), "
                + "or a timestamp to start from"));
    }
}
