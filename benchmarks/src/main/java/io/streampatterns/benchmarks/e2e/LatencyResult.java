package io.streampatterns.benchmarks.e2e;

import io.streampatterns.benchmarks.profile.JfrProfile;
import java.util.Map;

/**
 * One end-to-end latency run at a fixed input rate.
 *
 * @param variant {@code relay}, {@code rtm_60s}, {@code rtm_5s} (the projection), {@code rtm_<pattern>},
 *     {@code microbatch} or {@code microbatch_eos}
 * @param label for people, e.g. "Real-Time Mode, checkpoint 60 s"
 * @param rate the intended input rate, events per second
 * @param achievedRate what the generator managed
 * @param generatorMaxBehindMs how far the generator fell behind its schedule at worst
 * @param warmupSeconds left out at the start
 * @param windowSeconds measured after that
 * @param stats latencies of the records produced in the window
 * @param producedInWindow records produced in the window
 * @param missing of those, records not found in the output (0 expected)
 * @param breakdown latency split at the broker, when the input topic keeps append times
 * @param peakRssMiB peak resident memory per process during the run
 * @param cpuCores CPU each process used during the run, in cores (CPU seconds per second)
 * @param loadAverage the machine's load average when the run ended
 * @param profile the JFR summary, when recorded
 */
public record LatencyResult(String variant, String label, int rate, double achievedRate, long generatorMaxBehindMs,
                            long warmupSeconds, long windowSeconds, LatencyStats stats, long producedInWindow,
                            long missing, Breakdown breakdown, Map<String, Double> peakRssMiB,
                            Map<String, Double> cpuCores, String loadAverage,
                            JfrProfile.Summary profile) {

    public static final String RELAY = "relay";
    public static final String RTM_DEFAULT = "rtm_60s";
    /** The stream-static join in Real-Time Mode: enrichment, checkpoint interval 60 s. */
    public static final String RTM_JOIN = realTimePattern("ENRICHMENT");

    /** The variant id of a pattern run in Real-Time Mode at its default checkpoint interval, e.g. {@code rtm_enrichment}. */
    public static String realTimePattern(String pattern) {
        return "rtm_" + pattern.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Where a record's time went: from the producer's send to the broker's append of the input
     * record (Kafka's produce path, the same for every variant), and from that append to the
     * pipeline's send of the output record (fetch, process, produce).
     */
    public record Breakdown(long produceP50, long produceP99, long pipelineP50, long pipelineP99) {
    }
}
