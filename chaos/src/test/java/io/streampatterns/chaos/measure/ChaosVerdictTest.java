package io.streampatterns.chaos.measure;

import static io.streampatterns.core.Sink.DeliveryGuarantee.AT_LEAST_ONCE;
import static io.streampatterns.core.Sink.DeliveryGuarantee.EXACTLY_ONCE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The chaos verdict owes only what the brokers acknowledged, and counts everything else without blaming. */
class ChaosVerdictTest {

    private static BitSet acked(int produced, int... notAcked) {
        BitSet acked = new BitSet();
        acked.set(0, produced);
        for (int seq : notAcked) {
            acked.clear(seq);
        }
        return acked;
    }

    /**
     * Purpose: an unacknowledged record missing from the output is not lost.
     *
     * <p>How: 100 produced, seq 7 never acknowledged and absent from the output.
     *
     * <p>Pass: passes exactly-once; 99 acknowledged, 0 lost.
     */
    @Test
    void anUnacknowledgedRecordMayBeMissing() {
        long[] output = LongStream.range(0, 100).filter(s -> s != 7).toArray();

        ChaosVerdict verdict = ChaosVerdict.of(EXACTLY_ONCE, 100, acked(100, 7), output);

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.acknowledged()).isEqualTo(99);
        assertThat(verdict.lost()).isZero();
        assertThat(verdict.describe()).isEqualTo("100 produced, 99 acknowledged, 99 in the output: nothing lost, nothing twice");
    }

    /**
     * Purpose: an unacknowledged record that did arrive is counted, not called unexpected.
     *
     * <p>How: 100 produced, seq 7 never acknowledged but present.
     *
     * <p>Pass: passes; one unacknowledged record in the output.
     */
    @Test
    void anUnacknowledgedRecordMayArrive() {
        ChaosVerdict verdict = ChaosVerdict.of(EXACTLY_ONCE, 100, acked(100, 7), LongStream.range(0, 100).toArray());

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.unacknowledgedWritten()).isEqualTo(1);
        assertThat(verdict.describe()).contains("(1 of them never acknowledged)");
    }

    /**
     * Purpose: an acknowledged record missing from the output is lost, and named.
     *
     * <p>How: 100 produced and acknowledged, seq 41 absent, under at-least-once.
     *
     * <p>Pass: fails; 1 lost; the message says "seq 41 missing".
     */
    @Test
    void anAcknowledgedRecordMissingIsLost() {
        long[] output = LongStream.range(0, 100).filter(s -> s != 41).toArray();

        ChaosVerdict verdict = ChaosVerdict.of(AT_LEAST_ONCE, 100, acked(100), output);

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.lost()).isEqualTo(1);
        assertThat(verdict.describe()).contains("seq 41 missing");
    }

    /**
     * Purpose: a duplicate fails exactly-once and is counted under at-least-once.
     *
     * <p>How: seq 5 written three times, judged under each guarantee.
     *
     * <p>Pass: exactly-once fails with "seq 5 written 3 times"; at-least-once passes with 2 duplicates.
     */
    @Test
    void duplicatesFailExactlyOnceAndAreCountedAtLeastOnce() {
        long[] output = LongStream.concat(LongStream.range(0, 10), LongStream.of(5, 5)).toArray();

        ChaosVerdict exactlyOnce = ChaosVerdict.of(EXACTLY_ONCE, 10, acked(10), output);
        ChaosVerdict atLeastOnce = ChaosVerdict.of(AT_LEAST_ONCE, 10, acked(10), output);

        assertThat(exactlyOnce.passed()).isFalse();
        assertThat(exactlyOnce.describe()).contains("seq 5 written 3 times");
        assertThat(atLeastOnce.passed()).isTrue();
        assertThat(atLeastOnce.duplicates()).isEqualTo(2);
        assertThat(atLeastOnce.describe()).endsWith("nothing lost, 2 duplicates (at-least-once)");
    }
}
