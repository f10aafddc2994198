package com.example.clickstream;

import io.streampatterns.harness.conformance.ConformanceChecks;
import io.streampatterns.harness.conformance.PipelineConformanceSuite;
import io.streampatterns.harness.conformance.PipelineUnderTest;

/**
 * Every conformance check on {@link ClickstreamBronzeJob}, each as a test of its own: delivery,
 * restart, crash, dlq, lag and sla run; aggregates and latency are skipped with their reasons (the
 * job writes records, not aggregates, and promises no latency budget). Kafka is one embedded broker,
 * or the cluster {@code KAFKA_BOOTSTRAP_SERVERS} names.
 */
class ClickstreamBronzeJobConformanceIT extends PipelineConformanceSuite {

    @Override
    protected PipelineUnderTest pipeline() {
        return new ClickstreamBronzeJobUnderTest();
    }

    /** A tenth of the default sizes: enough to see a broken job fail, small enough for every CI run. */
    @Override
    protected ConformanceChecks checks() {
        return ConformanceChecks.defaults().scaled(0.1);
    }
}
