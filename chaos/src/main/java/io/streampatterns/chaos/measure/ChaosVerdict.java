package io.streampatterns.chaos.measure;

import io.streampatterns.core.Sink.DeliveryGuarantee;
import io.streampatterns.harness.conformance.DeliveryVerdict;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * What a scenario's output holds against what the brokers acknowledged.
 *
 * <p>Only acknowledged seqs are owed: a record whose send failed may or may not have reached the
 * topic, so it is neither lost when absent nor unexpected when present (it is counted as
 * "unacknowledged in the output"). "Lost" is an acknowledged seq missing from the output; "duplicated"
 * is every copy beyond the first. Exactly-once fails on either; at-least-once fails only on a loss
 * and reports the duplicates.
 *
 * @param delivery the verdict over the acknowledged seqs (its {@code expected} is how many were acknowledged)
 * @param produced seqs handed to the producer (0 .. produced - 1)
 * @param unacknowledgedWritten seqs never acknowledged but found in the output
 */
public record ChaosVerdict(DeliveryVerdict delivery, long produced, long unacknowledgedWritten) {

    /**
     * @param guarantee what the pattern promises
     * @param produced seqs 0 .. produced - 1 were sent
     * @param acknowledged which of them the brokers acknowledged
     * @param output the seq of every output record, duplicates kept, any order
     */
    public static ChaosVerdict of(DeliveryGuarantee guarantee, long produced, BitSet acknowledged, long[] output) {
        DeliveryVerdict all = DeliveryVerdict.of(guarantee, 0, produced, output);
        List<Long> lost = all.missing().stream().filter(seq -> acknowledged.get(Math.toIntExact(seq))).toList();
        long unacknowledgedWritten = Arrays.stream(output).filter(seq -> seq >= 0 && seq < produced)
                .distinct().filter(seq -> !acknowledged.get(Math.toIntExact(seq))).count();
        DeliveryVerdict owed = new DeliveryVerdict(guarantee, acknowledged.cardinality(), output.length, lost,
                all.copies(), all.unexpected());
        return new ChaosVerdict(owed, produced, unacknowledgedWritten);
    }

    public long acknowledged() {
        return delivery.expected();
    }

    public long output() {
        return delivery.received();
    }

    /** Acknowledged seqs missing from the output. */
    public long lost() {
        return delivery.missing().size();
    }

    /** Output records beyond the first copy of each seq. */
    public long duplicates() {
        return delivery.duplicates();
    }

    /** Nothing acknowledged lost, nothing unknown written, and (exactly-once) nothing twice. */
    public boolean passed() {
        return delivery.passed();
    }

    /** What was seen, in words: the figures when it passed, the problems (naming seqs) when not. */
    public String describe() {
        if (!passed()) {
            return delivery.describe();
        }
        String dupes = delivery.guarantee() == DeliveryGuarantee.AT_LEAST_ONCE
                ? String.format(Locale.ROOT, ", %,d duplicate%s (at-least-once)", duplicates(), duplicates() == 1 ? "" : "s")
                : ", nothing twice";
        String unacked = unacknowledgedWritten > 0
                ? String.format(Locale.ROOT, " (%,d of them never acknowledged)", unacknowledgedWritten) : "";
        return String.format(Locale.ROOT, "%,d produced, %,d acknowledged, %,d in the output%s: nothing lost%s",
                produced, acknowledged(), output(), unacked, dupes);
    }
}
