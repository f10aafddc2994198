package io.streampatterns.harness.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The order checker is fed ordered and out-of-order streams and must tell them apart. */
class OrderVerdictTest {

    @Test
    void growingSeqsInEveryStreamPass() {
        OrderVerdict verdict = OrderVerdict.of(Map.of("p0", new long[] {0, 3, 6}, "p1", new long[] {1, 4, 7}));

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.describe()).isEqualTo("order kept in 2 partition streams");
    }

    @Test
    void anOutOfOrderRecordIsNamedWithItsStream() {
        OrderVerdict verdict = OrderVerdict.of(Map.of("output 2 from input 1", new long[] {10, 12, 11, 13}));

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.problems()).containsExactly("seq 11 came after seq 12 in output 2 from input 1");
    }

    /** Interleaving across streams is not a violation: order is promised per source partition only. */
    @Test
    void interleavingAcrossStreamsIsAllowed() {
        Map<String, long[]> streams = new TreeMap<>();
        streams.put("p0", new long[] {5, 9});
        streams.put("p1", new long[] {1, 2});

        assertThat(OrderVerdict.of(streams).passed()).isTrue();
    }

    @Test
    void manyViolationsAreShortened() {
        OrderVerdict verdict = OrderVerdict.of(Map.of("p0", new long[] {9, 8, 7, 6, 5, 4, 3, 2}));

        assertThat(verdict.problems()).hasSize(6).last().isEqualTo("and 2 more");
    }
}
