package io.streampatterns.harness.conformance;

import io.streampatterns.core.Sink.DeliveryGuarantee;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Compares what a pattern wrote with what was sent, by sequence number, and says what is wrong in
 * words a person can act on: "seq 1041 missing", "seq 77 written twice".
 *
 * <p>EXACTLY_ONCE: the output multiset equals the input. AT_LEAST_ONCE: every input seq is present;
 * duplicates are allowed and counted. Under both, a seq that was never sent is a failure.
 *
 * @param guarantee what was promised
 * @param expected how many distinct seqs were sent
 * @param received how many records the output holds
 * @param missing seqs sent but not in the output, ascending
 * @param copies seqs in the output more than once, with their number of copies
 * @param unexpected seqs in the output that were never sent, with their number of copies
 */
public record DeliveryVerdict(
        DeliveryGuarantee guarantee,
        long expected,
        long received,
        List<Long> missing,
        SortedMap<Long, Integer> copies,
        SortedMap<Long, Integer> unexpected) {

    /** How many seqs a message lists before it says "and N more". */
    private static final int LISTED = 5;

    /** Checks {@code output} against the seqs {@code from} .. {@code to - 1}. */
    public static DeliveryVerdict of(DeliveryGuarantee guarantee, long from, long to, long[] output) {
        long[] sorted = output.clone();
        Arrays.sort(sorted);
        List<Long> missing = new ArrayList<>();
        SortedMap<Long, Integer> copies = new TreeMap<>();
        SortedMap<Long, Integer> unexpected = new TreeMap<>();
        int i = 0;
        for (long seq = from; seq < to; seq++) {
            while (i < sorted.length && sorted[i] < seq) {
                unexpected.merge(sorted[i++], 1, Integer::sum);
            }
            int n = 0;
            while (i < sorted.length && sorted[i] == seq) {
                n++;
                i++;
            }
            if (n == 0) {
                missing.add(seq);
            } else if (n > 1) {
                copies.put(seq, n);
            }
        }
        while (i < sorted.length) {
            unexpected.merge(sorted[i++], 1, Integer::sum);
        }
        return new DeliveryVerdict(guarantee, to - from, output.length, missing, copies, unexpected);
    }

    /** Records beyond the first copy of each seq. */
    public long duplicates() {
        return copies.values().stream().mapToLong(n -> n - 1).sum();
    }

    public boolean passed() {
        boolean complete = missing.isEmpty() && unexpected.isEmpty();
        return guarantee == DeliveryGuarantee.EXACTLY_ONCE ? complete && copies.isEmpty() : complete;
    }

    /** What was seen, as a person would say it. */
    public String describe() {
        List<String> problems = new ArrayList<>();
        if (!missing.isEmpty()) {
            problems.add(listed(missing.stream().map(seq -> "seq " + seq + " missing").toList()));
        }
        if (guarantee == DeliveryGuarantee.EXACTLY_ONCE && !copies.isEmpty()) {
            problems.add(listed(copies.entrySet().stream().map(e -> "seq " + e.getKey() + " written "
                    + times(e.getValue())).toList()));
        }
        if (!unexpected.isEmpty()) {
            problems.add(listed(unexpected.keySet().stream().map(seq -> "seq " + seq + " was never sent").toList()));
        }
        if (problems.isEmpty()) {
            String dupes = guarantee == DeliveryGuarantee.AT_LEAST_ONCE
                    ? ", " + duplicates() + " duplicate" + (duplicates() == 1 ? "" : "s") : "";
            return expected + " sent, " + received + " written: all present" + dupes;
        }
        return "expected " + expected + " seqs " + (guarantee == DeliveryGuarantee.EXACTLY_ONCE ? "once each" : "at least once")
                + ", got " + received + " records: " + String.join("; ", problems);
    }

    private static String times(int n) {
        return n == 2 ? "twice" : n + " times";
    }

    private static String listed(List<String> items) {
        if (items.size() <= LISTED) {
            return String.join(", ", items);
        }
        return String.join(", ", items.subList(0, LISTED)) + " and " + (items.size() - LISTED) + " more";
    }
}
