package io.streampatterns.harness.conformance;

import static io.streampatterns.core.Sink.DeliveryGuarantee.AT_LEAST_ONCE;
import static io.streampatterns.core.Sink.DeliveryGuarantee.EXACTLY_ONCE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The delivery checker is fed right and wrong outputs and must tell them apart, in words. */
class DeliveryVerdictTest {

    private static long[] range(long from, long to) {
        return LongStream.range(from, to).toArray();
    }

    @Test
    void aCompleteOutputInAnyOrderPasses() {
        long[] shuffled = {4, 2, 0, 3, 1};

        DeliveryVerdict verdict = DeliveryVerdict.of(EXACTLY_ONCE, 0, 5, shuffled);

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.describe()).isEqualTo("5 sent, 5 written: all present");
    }

    @Test
    void aMissingRecordFailsAndIsNamed() {
        long[] without1041 = LongStream.range(0, 2000).filter(s -> s != 1041).toArray();

        DeliveryVerdict verdict = DeliveryVerdict.of(EXACTLY_ONCE, 0, 2000, without1041);

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.missing()).containsExactly(1041L);
        assertThat(verdict.describe()).contains("seq 1041 missing");
    }

    @Test
    void aDuplicateFailsExactlyOnce() {
        long[] with77Twice = LongStream.concat(LongStream.range(0, 100), LongStream.of(77)).toArray();

        DeliveryVerdict verdict = DeliveryVerdict.of(EXACTLY_ONCE, 0, 100, with77Twice);

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.describe()).contains("seq 77 written twice");
    }

    /** At-least-once allows duplicates but counts them. */
    @Test
    void aDuplicatePassesAtLeastOnceAndIsCounted() {
        long[] with77ThreeTimes = LongStream.concat(LongStream.range(0, 100), LongStream.of(77, 77)).toArray();

        DeliveryVerdict verdict = DeliveryVerdict.of(AT_LEAST_ONCE, 0, 100, with77ThreeTimes);

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.duplicates()).isEqualTo(2);
        assertThat(verdict.describe()).endsWith("all present, 2 duplicates");
    }

    @Test
    void aMissingRecordFailsAtLeastOnceToo() {
        DeliveryVerdict verdict = DeliveryVerdict.of(AT_LEAST_ONCE, 0, 10, new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8});

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.describe()).contains("seq 9 missing");
    }

    /** A record that was never sent (a corrupted seq, another run's data) is a failure. */
    @Test
    void aRecordThatWasNeverSentFails() {
        long[] withStranger = LongStream.concat(LongStream.range(10, 20), LongStream.of(-1, 99)).toArray();

        DeliveryVerdict verdict = DeliveryVerdict.of(EXACTLY_ONCE, 10, 20, withStranger);

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.unexpected()).containsOnlyKeys(-1L, 99L);
        assertThat(verdict.describe()).contains("seq -1 was never sent").contains("seq 99 was never sent");
    }

    @Test
    void longListsAreShortened() {
        DeliveryVerdict verdict = DeliveryVerdict.of(EXACTLY_ONCE, 0, 100, range(0, 90));

        assertThat(verdict.describe()).contains("seq 90 missing").contains("and 5 more").doesNotContain("seq 99");
    }

    @Test
    void anEmptyOutputMissesEverything() {
        DeliveryVerdict verdict = DeliveryVerdict.of(AT_LEAST_ONCE, 0, 3, new long[0]);

        assertThat(verdict.missing()).containsExactly(0L, 1L, 2L);
        assertThat(verdict.passed()).isFalse();
    }
}
