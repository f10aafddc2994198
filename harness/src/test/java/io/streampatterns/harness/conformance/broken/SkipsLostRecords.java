package io.streampatterns.harness.conformance.broken;

import io.streampatterns.harness.conformance.TestRun;
import java.util.Map;

/**
 * Broken: {@link JsonToDeltaJob} with {@code failOnDataLoss=false}, the setting a team reaches for
 * when a query keeps failing on vanished offsets. Restarted after records it had not read were
 * deleted, it skips to the earliest offset left and carries on. The data-loss check must fail,
 * saying how many records it skipped silently.
 */
public class SkipsLostRecords extends JsonToDeltaJob {

    @Override
    protected Map<String, String> sourceOptions(TestRun run) {
        Map<String, String> options = super.sourceOptions(run);
        options.put("failOnDataLoss", "false");
        return options;
    }
}
