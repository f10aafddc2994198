package io.streampatterns.harness.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A result survives its trip through a JUnit report entry, figures and series included. */
class CheckResultJsonTest {

    @Test
    void aResultReadsBackAsWritten() {
        CheckResult result = new CheckResult("bronze", "lag", CheckStatus.FAIL, "batch 3 read 25000 records",
                "12 s, 5 batches", Map.of("backlog", 100000, "lag_after_batch", List.of(80000, 0), "seconds", 12.5),
                Duration.ofMillis(12_345));

        CheckResult read = CheckResultJson.read(CheckResultJson.write(result));

        assertThat(read.pattern()).isEqualTo("bronze");
        assertThat(read.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(read.message()).isEqualTo("batch 3 read 25000 records");
        assertThat(read.keyFigure()).isEqualTo("12 s, 5 batches");
        assertThat(read.took()).isEqualTo(Duration.ofMillis(12_345));
        assertThat(read.figures().get("lag_after_batch")).isEqualTo(List.of(80000, 0));
        assertThat(((Number) read.figures().get("seconds")).doubleValue()).isEqualTo(12.5);
    }

    @Test
    void textThatIsNotAResultIsRefused() {
        assertThatThrownBy(() -> CheckResultJson.read("{not json")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a conformance result");
    }
}
