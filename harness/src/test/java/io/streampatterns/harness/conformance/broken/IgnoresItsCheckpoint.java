package io.streampatterns.harness.conformance.broken;

import io.streampatterns.harness.conformance.TestRun;
import java.io.File;
import java.util.Map;

/**
 * Broken: {@link JsonToDeltaJob} that starts from a fresh checkpoint folder on every start (a new
 * sub-folder of the run's checkpoint location each time, as a job naming its checkpoint after its
 * start time would) and, after the first start, from the latest offsets. A restarted query neither
 * finds where the last one stopped nor reads what was produced while it was down. The restart check
 * must fail: the restart read none of the new records, and those records are missing.
 */
public class IgnoresItsCheckpoint extends JsonToDeltaJob {

    @Override
    protected String checkpointLocation(TestRun run) {
        return new File(run.checkpointLocation(), "start-" + earlierStarts(run)).getPath();
    }

    @Override
    protected Map<String, String> sourceOptions(TestRun run) {
        Map<String, String> options = super.sourceOptions(run);
        if (earlierStarts(run) > 0) {
            options.put("startingOffsets", "latest");
        }
        return options;
    }

    /** How many queries started before on this run: one checkpoint sub-folder each. */
    private static int earlierStarts(TestRun run) {
        String[] folders = new File(run.checkpointLocation()).list();
        return folders == null ? 0 : folders.length;
    }
}
