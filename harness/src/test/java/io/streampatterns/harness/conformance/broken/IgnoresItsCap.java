package io.streampatterns.harness.conformance.broken;

import io.streampatterns.harness.conformance.TestRun;
import java.util.Map;

/**
 * Broken: {@link JsonToDeltaJob} that reads without {@code maxOffsetsPerTrigger}, yet still declares
 * CAPPED_BATCHES. Started behind, it swallows its whole backlog in one batch. The lag check must
 * fail, naming the batch that read more than the cap.
 */
public class IgnoresItsCap extends JsonToDeltaJob {

    @Override
    protected Map<String, String> sourceOptions(TestRun run) {
        Map<String, String> options = super.sourceOptions(run);
        options.remove("maxOffsetsPerTrigger");
        return options;
    }
}
