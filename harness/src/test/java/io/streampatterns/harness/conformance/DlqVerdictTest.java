package io.streampatterns.harness.conformance;

import static io.streampatterns.core.Sink.DeliveryGuarantee.AT_LEAST_ONCE;
import static org.assertj.core.api.Assertions.assertThat;

import io.streampatterns.core.dlq.DeadLetterRecord;
import io.streampatterns.core.dlq.DlqReason;
import io.streampatterns.harness.data.InvalidEvents.Sent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The DLQ checker is fed right and wrong outputs and must catch each wrong one. */
class DlqVerdictTest {
    private static final String TOPIC = "events";
    private static final long[] VALID = {0, 1, 2};
    private static final List<Sent> INVALID = List.of(
            new Sent(0, 3, 100, DlqReason.MALFORMED_JSON),
            new Sent(0, 4, 101, DlqReason.MISSING_REQUIRED_FIELD));

    private static DeadLetterRecord letter(long offset, DlqReason reason, String detail) {
        return new DeadLetterRecord("k", new byte[0], reason, detail, TOPIC, 0, offset, "p", Instant.now(), Map.of());
    }

    private static DlqVerdict verdict(long[] valid, List<DeadLetterRecord> dlq) {
        return DlqVerdict.of(AT_LEAST_ONCE, 0, 3, valid, INVALID, dlq, TOPIC);
    }

    @Test
    void everyRecordInItsPlacePasses() {
        DlqVerdict verdict = verdict(VALID, List.of(
                letter(3, DlqReason.MALFORMED_JSON, "not JSON"), letter(4, DlqReason.MISSING_REQUIRED_FIELD, "event_id")));

        assertThat(verdict.passed()).as(verdict.describe()).isTrue();
    }

    @Test
    void aDeadLetterWithoutReasonIsCaught() {
        DlqVerdict verdict = verdict(VALID, List.of(
                letter(3, null, "not JSON"), letter(4, DlqReason.MISSING_REQUIRED_FIELD, "event_id")));

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.problems()).containsExactly("dead letter for invalid seq 100 has no reason");
    }

    @Test
    void aWrongReasonIsCaught() {
        DlqVerdict verdict = verdict(VALID, List.of(
                letter(3, DlqReason.SCHEMA_VALIDATION_FAILED, "x"), letter(4, DlqReason.MISSING_REQUIRED_FIELD, "event_id")));

        assertThat(verdict.problems()).containsExactly(
                "dead letter for invalid seq 100 says SCHEMA_VALIDATION_FAILED, expected MALFORMED_JSON");
    }

    @Test
    void aDeadLetterWithoutDetailIsCaught() {
        DlqVerdict verdict = verdict(VALID, List.of(
                letter(3, DlqReason.MALFORMED_JSON, " "), letter(4, DlqReason.MISSING_REQUIRED_FIELD, "event_id")));

        assertThat(verdict.problems()).containsExactly("dead letter for invalid seq 100 has no detail");
    }

    @Test
    void anInvalidRecordMissingFromTheDlqIsCaught() {
        DlqVerdict verdict = verdict(VALID, List.of(letter(3, DlqReason.MALFORMED_JSON, "not JSON")));

        assertThat(verdict.problems()).containsExactly("invalid seq 101 (MISSING_REQUIRED_FIELD) is not in the DLQ");
    }

    /** A record in both outputs: the invalid one leaked into the valid output. */
    @Test
    void anInvalidRecordInTheValidOutputIsCaught() {
        DlqVerdict verdict = verdict(new long[] {0, 1, 2, 101}, List.of(
                letter(3, DlqReason.MALFORMED_JSON, "not JSON"), letter(4, DlqReason.MISSING_REQUIRED_FIELD, "event_id")));

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.problems()).contains("invalid seq 101 reached the valid output");
    }

    /** A valid record rejected: its dead letter stands for no invalid record, and it is missing from the output. */
    @Test
    void aValidRecordInTheDlqIsCaught() {
        DlqVerdict verdict = verdict(new long[] {0, 1}, List.of(letter(2, DlqReason.MALFORMED_JSON, "x"),
                letter(3, DlqReason.MALFORMED_JSON, "not JSON"), letter(4, DlqReason.MISSING_REQUIRED_FIELD, "event_id")));

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.problems()).anySatisfy(p -> assertThat(p).contains("stands for no invalid record sent"));
        assertThat(verdict.describe()).contains("seq 2 missing");
    }

    /** Twelve dead letters without a reason and twelve lost: the message lists some of each kind and counts the rest. */
    @Test
    void manyProblemsOfOneKindDoNotHideAnother() {
        List<Sent> invalid = new java.util.ArrayList<>();
        List<DeadLetterRecord> dlq = new java.util.ArrayList<>();
        for (int i = 0; i < 24; i++) {
            invalid.add(new Sent(0, 10 + i, 100 + i, DlqReason.MALFORMED_JSON));
            if (i < 12) {
                dlq.add(letter(10 + i, null, "not JSON"));
            }
        }

        DlqVerdict verdict = DlqVerdict.of(AT_LEAST_ONCE, 0, 3, VALID, invalid, dlq, TOPIC);

        assertThat(verdict.problems()).hasSize(12).contains(
                "dead letter for invalid seq 100 has no reason", "and 7 more dead letters without a reason",
                "invalid seq 112 (MALFORMED_JSON) is not in the DLQ", "and 7 more invalid records not in the DLQ");
    }
}
