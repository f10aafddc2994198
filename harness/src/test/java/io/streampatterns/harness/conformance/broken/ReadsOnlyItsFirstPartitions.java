package io.streampatterns.harness.conformance.broken;

import io.streampatterns.harness.conformance.TestRun;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Broken: {@link JsonToDeltaJob} that reads its topic with {@code assign}, listing the partitions
 * the topic had when the job was written, instead of {@code subscribe}. Spark reads exactly what
 * {@code assign} lists, so records sent to partitions added later are never read. The partitions
 * check must fail, saying how few of the events sent to the new partitions were written.
 */
public class ReadsOnlyItsFirstPartitions extends JsonToDeltaJob {

    @Override
    protected Map<String, String> sourceOptions(TestRun run) {
        Map<String, String> options = super.sourceOptions(run);
        options.remove("subscribe");
        String partitions = IntStream.range(0, inputPartitions()).mapToObj(Integer::toString).collect(Collectors.joining(","));
        options.put("assign", "{\"" + run.inputTopic() + "\":[" + partitions + "]}");
        return options;
    }
}
