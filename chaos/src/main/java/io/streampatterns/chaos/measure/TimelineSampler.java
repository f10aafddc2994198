package io.streampatterns.chaos.measure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Samples a running scenario about every 500 ms (input acknowledged and end offsets, what the
 * pipeline committed, what its output holds, whether the driver runs) and collects fault markers,
 * building the {@link Timeline} the report draws and measures.
 *
 * <p>Each measurement is a function handed in by the runner, so the sampler does not care whether
 * the output is a Delta table or a topic. A measurement that cannot be taken now (a broker does not
 * answer) returns -1 and is recorded as unknown.
 */
public final class TimelineSampler implements AutoCloseable {
    /** How often the sampler looks. */
    public static final Duration INTERVAL = Duration.ofMillis(500);

    /** The measurements, each cheap and quick to fail. */
    public record Probes(LongSupplier acknowledged, LongSupplier inputEnd, LongSupplier processed, LongSupplier output,
                         BooleanSupplier driverUp) {
    }

    private final long startNanos;
    private final Probes probes;
    private final List<Sample> samples = new ArrayList<>();
    private final List<FaultMarker> markers = new ArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "chaos-sampler");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param startNanos {@link System#nanoTime()} when production started: time zero of the timeline
     * @param probes the measurements
     */
    public TimelineSampler(long startNanos, Probes probes) {
        this.startNanos = startNanos;
        this.probes = probes;
    }

    /** Takes a first sample now, then one every {@link #INTERVAL}. */
    public void start() {
        scheduler.scheduleAtFixedRate(this::sample, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Takes one sample now. */
    public void sample() {
        long acknowledged = probes.acknowledged().getAsLong();
        long inputEnd = probes.inputEnd().getAsLong();
        long processed = probes.processed().getAsLong();
        long output = probes.output().getAsLong();
        boolean driverUp = probes.driverUp().getAsBoolean();
        synchronized (this) {
            samples.add(new Sample(nowMillis(), acknowledged, inputEnd, processed, output, driverUp));
        }
    }

    /** Records a marker now. */
    public synchronized FaultMarker mark(String label, boolean fault) {
        FaultMarker marker = new FaultMarker(nowMillis(), label, fault);
        markers.add(marker);
        return marker;
    }

    /** Milliseconds since production started. */
    public long nowMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** The latest sample, if any. */
    public synchronized Sample latest() {
        return samples.isEmpty() ? null : samples.get(samples.size() - 1);
    }

    /** The timeline so far. */
    public synchronized Timeline timeline() {
        return new Timeline(samples, markers);
    }

    /** Stops sampling; waits for a sample in progress. */
    public void stop() {
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
