package io.streampatterns.harness.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.streampatterns.harness.conformance.WindowedAggregates.Aggregate;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The aggregates checker, fed final answers that are right, double-counted, lost, invented and mis-summed. */
class AggregateVerdictTest {
    private static final Instant MINUTE = Instant.parse("2026-01-01T00:01:00Z");

    private static Aggregate click(long count, double sum) {
        return new Aggregate("click", MINUTE, count, OptionalDouble.of(sum));
    }

    private static Map<String, Aggregate> byKey(Aggregate... aggregates) {
        Map<String, Aggregate> map = new java.util.HashMap<>();
        for (Aggregate a : aggregates) {
            map.put(a.key(), a);
        }
        return map;
    }

    @Test
    void theSameCountsAndSumsPass() {
        AggregateVerdict verdict = AggregateVerdict.of(byKey(click(10, 55.5)), byKey(click(10, 55.5000000001)));

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.describe()).isEqualTo("all 1 windows and groups match the input");
    }

    @Test
    void aWindowCountedTwiceIsNamed() {
        AggregateVerdict verdict = AggregateVerdict.of(byKey(click(10, 55.5)), byKey(click(20, 111.0)));

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.describe()).contains("window click@2026-01-01T00:01:00Z counts 20 events, the input has 10")
                .contains("10 counted twice or more");
    }

    @Test
    void aMissingWindowAndAnInventedOneAreNamed() {
        Aggregate other = new Aggregate("view", MINUTE, 3, OptionalDouble.empty());
        AggregateVerdict verdict = AggregateVerdict.of(byKey(click(10, 55.5)), byKey(other));

        assertThat(verdict.problems()).anySatisfy(p -> assertThat(p).contains("click@").contains("is missing"))
                .anySatisfy(p -> assertThat(p).contains("view@").contains("the input has no event in it"));
    }

    @Test
    void aWrongSumFails() {
        AggregateVerdict verdict = AggregateVerdict.of(byKey(click(10, 55.5)), byKey(click(10, 60.0)));

        assertThat(verdict.describe()).contains("sums to 60.0, the input to 55.5");
    }
}
