package io.streampatterns.harness.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether records kept the order they had within their source partition. The input is a set of
 * streams, each a sequence of seqs as the output holds them (one stream per output partition and
 * source partition, or per source partition of a table ordered by source offset); within each, the
 * seqs must only grow, because the generator numbers the records of a partition in sending order.
 *
 * @param streams how many ordered streams were checked
 * @param problems each record that came after a later one, as a person would say it
 */
public record OrderVerdict(int streams, List<String> problems) {
    private static final int LISTED = 5;

    /** @param streams name of the stream (for messages) → its seqs in output order */
    public static OrderVerdict of(Map<String, long[]> streams) {
        List<String> problems = new ArrayList<>();
        int found = 0;
        for (Map.Entry<String, long[]> stream : streams.entrySet()) {
            long[] seqs = stream.getValue();
            for (int i = 1; i < seqs.length; i++) {
                if (seqs[i] < seqs[i - 1]) {
                    if (found++ < LISTED) {
                        problems.add("seq " + seqs[i] + " came after seq " + seqs[i - 1] + " in " + stream.getKey());
                    }
                }
            }
        }
        if (found > LISTED) {
            problems.add("and " + (found - LISTED) + " more");
        }
        return new OrderVerdict(streams.size(), problems);
    }

    /** A promise of order that cannot be checked because the output does not say where records came from. */
    public static OrderVerdict unknowable(String why) {
        return new OrderVerdict(0, List.of("order cannot be checked: " + why));
    }

    public boolean passed() {
        return problems.isEmpty();
    }

    public String describe() {
        return passed() ? "order kept in " + streams + " partition streams" : "order broken: " + String.join("; ", problems);
    }
}
