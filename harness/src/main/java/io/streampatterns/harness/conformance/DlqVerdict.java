package io.streampatterns.harness.conformance;

import io.streampatterns.core.Sink.DeliveryGuarantee;
import io.streampatterns.core.dlq.DeadLetterRecord;
import io.streampatterns.harness.data.InvalidEvents;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether valid records reached the output and invalid ones the dead letter queue, and nothing went
 * to both or neither: valid + DLQ = input. Every dead letter must carry a reason (the expected one),
 * a detail and the coordinates of the record it stands for.
 *
 * @param valid the verdict on the valid output
 * @param problems what is wrong with the dead letters, as a person would say it
 * @param deadLetters how many dead letters were read
 */
public record DlqVerdict(DeliveryVerdict valid, List<String> problems, int deadLetters) {
    private static final int LISTED = 5;

    /**
     * @param guarantee the pattern's guarantee, for both outputs
     * @param validFrom first valid seq sent; valid seqs run to {@code validTo - 1}
     * @param validOutput the seqs in the valid output
     * @param invalidSent the invalid records sent, with their coordinates and expected reasons
     * @param dlq the dead letters read back
     * @param sourceTopic the topic the invalid records were sent to
     */
    public static DlqVerdict of(DeliveryGuarantee guarantee, long validFrom, long validTo, long[] validOutput,
                                List<InvalidEvents.Sent> invalidSent, List<DeadLetterRecord> dlq, String sourceTopic) {
        DeliveryVerdict valid = DeliveryVerdict.of(guarantee, validFrom, validTo, validOutput);
        Problems problems = new Problems();
        Map<String, InvalidEvents.Sent> expected = new HashMap<>();
        invalidSent.forEach(sent -> expected.put(sent.partition() + "@" + sent.offset(), sent));
        Map<String, Integer> seen = new HashMap<>();
        for (DeadLetterRecord letter : dlq) {
            String at = letter.sourcePartition() + "@" + letter.sourceOffset();
            InvalidEvents.Sent sent = expected.get(at);
            seen.merge(at, 1, Integer::sum);
            if (!sourceTopic.equals(letter.sourceTopic())) {
                problems.add("dead letters naming another source topic",
                        "dead letter for " + at + " names source topic " + letter.sourceTopic() + ", expected " + sourceTopic);
            } else if (sent == null) {
                problems.add("dead letters for no invalid record", "dead letter for " + sourceTopic + "-" + at
                        + " stands for no invalid record sent (a valid record rejected?)");
            } else if (letter.reason() == null) {
                problems.add("dead letters without a reason", "dead letter for invalid seq " + sent.seq() + " has no reason");
            } else if (letter.reason() != sent.expectedReason()) {
                problems.add("dead letters with a wrong reason", "dead letter for invalid seq " + sent.seq() + " says "
                        + letter.reason() + ", expected " + sent.expectedReason());
            } else if (letter.detail() == null || letter.detail().isBlank()) {
                problems.add("dead letters without a detail", "dead letter for invalid seq " + sent.seq() + " has no detail");
            }
        }
        for (InvalidEvents.Sent sent : invalidSent) {
            int copies = seen.getOrDefault(sent.partition() + "@" + sent.offset(), 0);
            if (copies == 0) {
                problems.add("invalid records not in the DLQ",
                        "invalid seq " + sent.seq() + " (" + sent.expectedReason() + ") is not in the DLQ");
            } else if (copies > 1 && guarantee == DeliveryGuarantee.EXACTLY_ONCE) {
                problems.add("invalid records in the DLQ more than once",
                        "invalid seq " + sent.seq() + " is in the DLQ " + copies + " times");
            }
        }
        Set<Long> invalidSeqs = new HashSet<>();
        invalidSent.forEach(sent -> invalidSeqs.add(sent.seq()));
        for (long seq : validOutput) {
            if (invalidSeqs.contains(seq)) {
                problems.add("invalid records in the valid output", "invalid seq " + seq + " reached the valid output");
            }
        }
        return new DlqVerdict(valid, problems.shortened(), dlq.size());
    }

    public boolean passed() {
        return valid.passed() && problems.isEmpty();
    }

    public String describe() {
        String output = "valid output: " + valid.describe();
        return problems.isEmpty() ? output + "; DLQ: " + deadLetters + " dead letters, each with its reason and coordinates"
                : output + "; DLQ: " + String.join("; ", problems);
    }

    /**
     * Problems by kind, each kind listed up to {@link #LISTED} times and then counted, so one kind of
     * many problems cannot hide another.
     */
    private static final class Problems {
        private final Map<String, List<String>> byKind = new LinkedHashMap<>();

        void add(String kind, String problem) {
            byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(problem);
        }

        List<String> shortened() {
            List<String> listed = new ArrayList<>();
            byKind.forEach((kind, problems) -> {
                listed.addAll(problems.subList(0, Math.min(LISTED, problems.size())));
                if (problems.size() > LISTED) {
                    listed.add("and " + (problems.size() - LISTED) + " more " + kind);
                }
            });
            return listed;
        }
    }
}
