package io.streampatterns.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TriggerPolicyTest {

    /** SLA/3: a 90 s SLA gives a 30 s processing-time trigger. */
    @Test
    void forSlaDerivesAThirdOfTheSla() {
        TriggerPolicy policy = TriggerPolicy.forSla(Duration.ofSeconds(90));

        assertThat(policy.kind()).isEqualTo(TriggerPolicy.Kind.PROCESSING_TIME);
        assertThat(policy.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.sla()).contains(Duration.ofSeconds(90));
    }

    /** A trigger longer than SLA/3 is refused, and the message names the interval, SLA/3 and the SLA. */
    @Test
    void refusesAnIntervalLongerThanAThirdOfTheSla() {
        TriggerPolicy thirtySeconds = TriggerPolicy.processingTime(Duration.ofSeconds(30));

        assertThatThrownBy(() -> thirtySeconds.withSla(Duration.ofSeconds(60)))
                .isInstanceOf(InvalidPipelineException.class)
                .hasMessageContaining("trigger interval 30s")
                .hasMessageContaining("SLA/3 = 20s")
                .hasMessageContaining("SLA 1m");
    }

    /** Exactly SLA/3 is allowed: the rule is "at most". */
    @Test
    void acceptsAnIntervalOfExactlyAThirdOfTheSla() {
        TriggerPolicy policy = TriggerPolicy.processingTime(Duration.ofSeconds(20)).withSla(Duration.ofMinutes(1));

        assertThat(policy.validate()).isEmpty();
    }

    /** Real-Time Mode's interval is a checkpoint interval, not latency: an SLA does not constrain it. */
    @Test
    void realTimeModeIsNotHeldToSlaThirds() {
        TriggerPolicy policy = TriggerPolicy.realTime(Duration.ofMinutes(5)).withSla(Duration.ofSeconds(1));

        assertThat(policy.validate()).isEmpty();
        assertThat(policy.toSparkTrigger().toString()).contains("RealTime");
    }

    @Test
    void availableNowWithAnSlaIsRefused() {
        assertThatThrownBy(() -> TriggerPolicy.availableNow().withSla(Duration.ofMinutes(1)))
                .isInstanceOf(InvalidPipelineException.class)
                .hasMessageContaining("availableNow runs once");
    }

    @Test
    void aNonPositiveSlaIsRefused() {
        assertThatThrownBy(() -> TriggerPolicy.forSla(Duration.ZERO))
                .isInstanceOf(InvalidPipelineException.class)
                .hasMessageContaining("sla: expected a positive duration");
    }

    @Test
    void aNegativeIntervalIsAProblem() {
        assertThat(TriggerPolicy.processingTime(Duration.ofSeconds(-1)).validate())
                .singleElement().asString().contains("expected zero or more");
    }

    @Test
    void describesItselfReadably() {
        assertThat(TriggerPolicy.forSla(Duration.ofMinutes(3))).hasToString("processingTime(1m) for SLA 3m");
    }
}
