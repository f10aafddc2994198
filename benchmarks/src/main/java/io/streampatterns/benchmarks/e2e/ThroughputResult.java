package io.streampatterns.benchmarks.e2e;

import io.streampatterns.benchmarks.profile.JfrProfile;
import java.util.Map;

/**
 * One end-to-end throughput run.
 *
 * @param id short name, e.g. {@code bronze_50000}
 * @param pipeline what ran, e.g. "Kafka→Delta bronze"
 * @param maxOffsetsPerTrigger the batch cap, null for the relay
 * @param steadyRecordsPerSecond the rate after warm-up: what ratios and targets use
 * @param overallRecordsPerSecond the rate over the whole run, warm-up included
 * @param records records the run processed
 * @param written records found in its output afterwards
 * @param batches micro-batches (0 for the relay)
 * @param countedBatches batches the steady rate is over
 * @param meanBatchMs their mean duration
 * @param peakRssMiB peak resident memory per process during the run (driver or relay, brokers)
 * @param cpuCores CPU each process used during the run, in cores (CPU seconds per second)
 * @param loadAverage the machine's load average when the run ended
 * @param profile the JFR summary, when recorded
 * @param note what the reader should know (e.g. no batch after warm-up)
 * @param batchList every micro-batch with rows (start, duration, rows), for a closer look; empty for the relay
 * @param steps where a batch's time went, step by step (bronze runs), else null
 */
public record ThroughputResult(String id, String pipeline, Long maxOffsetsPerTrigger, double steadyRecordsPerSecond,
                               double overallRecordsPerSecond, long records, long written, int batches,
                               int countedBatches, double meanBatchMs, Map<String, Double> peakRssMiB, Map<String, Double> cpuCores,
                               String loadAverage, JfrProfile.Summary profile, String note,
                               java.util.List<Throughput.Batch> batchList, BatchSteps steps) {
    public static final String RELAY = "relay";
    /** The id prefix of bronze with Delta's streaming sink and table defaults (before issue 14), followed by the cap. */
    public static final String BRONZE_BASELINE = "bronze_baseline_";

    /** A run whose batches were not taken apart step by step. */
    public ThroughputResult(String id, String pipeline, Long maxOffsetsPerTrigger, double steadyRecordsPerSecond,
                            double overallRecordsPerSecond, long records, long written, int batches,
                            int countedBatches, double meanBatchMs, Map<String, Double> peakRssMiB, Map<String, Double> cpuCores,
                            String loadAverage, JfrProfile.Summary profile, String note,
                            java.util.List<Throughput.Batch> batchList) {
        this(id, pipeline, maxOffsetsPerTrigger, steadyRecordsPerSecond, overallRecordsPerSecond, records, written, batches,
                countedBatches, meanBatchMs, peakRssMiB, cpuCores, loadAverage, profile, note, batchList, null);
    }

    /** This run with its batches taken apart. */
    public ThroughputResult withSteps(BatchSteps batchSteps) {
        return new ThroughputResult(id, pipeline, maxOffsetsPerTrigger, steadyRecordsPerSecond, overallRecordsPerSecond,
                records, written, batches, countedBatches, meanBatchMs, peakRssMiB, cpuCores, loadAverage, profile, note,
                batchList, batchSteps);
    }
    /** The id prefix of the at-least-once enrichment runs, followed by the cap. */
    public static final String ENRICHMENT = "enrichment_";
    /** The id prefix of the exactly-once enrichment runs, followed by the cap. */
    public static final String ENRICHMENT_EOS = "enrichment_eos_";

    public boolean isRelay() {
        return id.equals(RELAY);
    }

    /**
     * Records per CPU-second of the pipeline's own process (the driver, or the relay's JVM): how much
     * work each record costs, which a busy machine disturbs far less than records per second. NaN
     * when the CPU was not read.
     */
    public double recordsPerCpuSecond() {
        Double cores = cpuCores.get(isRelay() ? "relay" : "driver");
        return cores == null || cores <= 0 ? Double.NaN : steadyRecordsPerSecond / cores;
    }

    /** An enrichment run, at-least-once or exactly-once. */
    public boolean isEnrichment() {
        return id.startsWith(ENRICHMENT);
    }

    /** An enrichment run through the transactional sink. */
    public boolean isExactlyOnce() {
        return id.startsWith(ENRICHMENT_EOS);
    }

    /** This project's bronze (its defaults), at one cap. */
    public boolean isBronze() {
        return id.startsWith("bronze_") && !isBronzeBaseline();
    }

    /** Bronze with Delta's streaming sink and Delta's table defaults: the baseline of its fixed cost per batch. */
    public boolean isBronzeBaseline() {
        return id.startsWith(BRONZE_BASELINE);
    }

    /** A run of one {@link BronzeLayout}. */
    public boolean isLayout() {
        return id.startsWith("layout_");
    }
}
