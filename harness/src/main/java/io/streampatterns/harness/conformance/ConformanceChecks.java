package io.streampatterns.harness.conformance;

import io.streampatterns.harness.conformance.checks.CheckpointRestartCheck;
import io.streampatterns.harness.conformance.checks.DeliveryGuaranteeCheck;
import io.streampatterns.harness.conformance.checks.DlqRoutingCheck;
import io.streampatterns.harness.conformance.checks.DriverCrashCheck;
import io.streampatterns.harness.conformance.checks.LagRecoveryCheck;
import io.streampatterns.harness.conformance.checks.SlaTriggerCheck;
import java.time.Duration;
import java.util.List;

/**
 * Every check of a conformance run, sized for a 2-core machine so the whole run stays well under
 * 20 minutes. A new check adds itself here.
 */
public final class ConformanceChecks {

    private ConformanceChecks() {
    }

    public static List<ConformanceCheck> all() {
        return List.of(
                new DeliveryGuaranteeCheck(20_000),
                new CheckpointRestartCheck(5_000),
                new DriverCrashCheck(20_000, 2_000),
                new DlqRoutingCheck(2_000, 300),
                new LagRecoveryCheck(100_000, 20_000),
                new SlaTriggerCheck(Duration.ofSeconds(15), 300, Duration.ofSeconds(15)));
    }
}
