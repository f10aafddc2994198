package io.streampatterns.chaos.measure;

/**
 * What the timeline sampler saw at one moment of a scenario.
 *
 * @param atMillis milliseconds since production started
 * @param acknowledged input records the brokers had acknowledged to the producer so far
 * @param inputEnd the sum of the input topic's end offsets, or -1 when the brokers did not answer in time
 * @param processed the sum of the input offsets the pipeline's checkpoint records as committed
 * @param output records in the pipeline's output (Delta rows or output topic records), or -1 when it
 *     could not be read in time (a topic's brokers did not answer)
 * @param driverUp whether the driver JVM was running
 */
public record Sample(long atMillis, long acknowledged, long inputEnd, long processed, long output, boolean driverUp) {

    /** The input available to the pipeline: the end offsets, or what was acknowledged when they are unknown. */
    public long input() {
        return inputEnd >= 0 ? Math.max(inputEnd, acknowledged) : acknowledged;
    }

    /** Records available that the pipeline has not committed yet. */
    public long lag() {
        return Math.max(0, input() - processed);
    }

    /** Whether input was waiting for the pipeline. */
    public boolean pending() {
        return lag() > 0;
    }
}
