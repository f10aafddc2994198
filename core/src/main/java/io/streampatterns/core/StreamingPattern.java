package io.streampatterns.core;

import io.streampatterns.core.Sink.DeliveryGuarantee;
import java.util.Set;

/**
 * A documented pipeline, configured and ready to start, that says what it promises so the
 * conformance harness can hold it to that.
 */
public interface StreamingPattern {

    /** The configured pipeline; every option was checked when it was built. */
    Pipeline pipeline();

    /** What the output holds after failures and restarts. */
    default DeliveryGuarantee deliveryGuarantee() {
        return pipeline().sink().deliveryGuarantee();
    }

    Set<Capability> capabilities();
}
