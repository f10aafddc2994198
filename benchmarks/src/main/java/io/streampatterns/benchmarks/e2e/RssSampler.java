package io.streampatterns.benchmarks.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Peak resident memory and CPU time of a few processes during one run, read from
 * {@code /proc/<pid>/status} (VmRSS, every {@value #PERIOD_MS} ms) and {@code /proc/<pid>/stat}
 * (user + system time, at the start and the end). A JVM's own peak, VmHWM, covers its whole life,
 * not one run of many in the same JVM, hence sampling. Where {@code /proc} does not exist the
 * figures stay empty.
 */
public final class RssSampler implements AutoCloseable {
    static final long PERIOD_MS = 100;
    /** Linux's USER_HZ, the unit of /proc/<pid>/stat times, on every common platform. */
    static final double CLOCK_TICKS_PER_SECOND = 100;

    /** What a run used: peak resident set in MiB and CPU in cores (CPU seconds per wall-clock second), per process. */
    public record Usage(Map<String, Double> peakRssMiB, Map<String, Double> cpuCores) {
    }

    private final Map<String, Long> pids;
    private final Map<String, Long> peakKb = new ConcurrentHashMap<>();
    private final Map<String, Long> startTicks = new ConcurrentHashMap<>();
    private volatile long startNanos = System.nanoTime();
    private final Thread thread;
    private volatile boolean running = true;

    private RssSampler(Map<String, Long> pids) {
        this.pids = new LinkedHashMap<>(pids);
        this.thread = new Thread(this::sampleUntilClosed, "rss-sampler");
        thread.setDaemon(true);
        pids.forEach((label, pid) -> cpuTicks(pid).ifPresent(ticks -> startTicks.put(label, ticks)));
    }

    /** Starts sampling the processes named by {@code pids} (label → process id). */
    public static RssSampler start(Map<String, Long> pids) {
        RssSampler sampler = new RssSampler(pids);
        sampler.sampleOnce();
        sampler.thread.start();
        return sampler;
    }

    /** Counts CPU from now on (a run's measured window), not from the start; memory peaks still cover the whole run. */
    public void restartCpu() {
        startNanos = System.nanoTime();
        pids.forEach((label, pid) -> cpuTicks(pid).ifPresent(ticks -> startTicks.put(label, ticks)));
    }

    private void sampleUntilClosed() {
        while (running) {
            sampleOnce();
            try {
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sampleOnce() {
        pids.forEach((label, pid) -> rssKb(pid).ifPresent(kb -> peakKb.merge(label, kb, Math::max)));
    }

    /** Stops sampling: the peak of each process in MiB, and its CPU use, in the order given; absent if never read. */
    public Usage stop() {
        running = false;
        thread.interrupt();
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sampleOnce();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Map<String, Double> peaks = new LinkedHashMap<>();
        Map<String, Double> cores = new LinkedHashMap<>();
        pids.forEach((label, pid) -> {
            Long kb = peakKb.get(label);
            if (kb != null) {
                peaks.put(label, kb / 1024.0);
            }
            Long start = startTicks.get(label);
            OptionalLong end = cpuTicks(pid);
            if (start != null && end.isPresent() && seconds > 0) {
                cores.put(label, (end.getAsLong() - start) / CLOCK_TICKS_PER_SECOND / seconds);
            }
        });
        return new Usage(peaks, cores);
    }

    @Override
    public void close() {
        stop();
    }

    /** The resident set of a live process now, in KiB. */
    public static OptionalLong rssKb(long pid) {
        try {
            return parseVmRss(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** User plus system CPU time of a live process so far, in clock ticks. */
    static OptionalLong cpuTicks(long pid) {
        try {
            return parseCpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** The {@code VmRSS:} line of a {@code /proc/<pid>/status} text, in KiB. */
    static OptionalLong parseVmRss(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String digits = line.substring("VmRSS:".length()).replaceAll("[^0-9]", "");
                return digits.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(digits));
            }
        }
        return OptionalLong.empty();
    }

    /**
     * utime + stime (fields 14 and 15) of a {@code /proc/<pid>/stat} line. The command name, field 2,
     * is in parentheses and may hold spaces, so fields are counted after its closing parenthesis.
     */
    static OptionalLong parseCpuTicks(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return OptionalLong.empty();
        }
        String[] fields = stat.substring(close + 1).trim().split("\\s+");
        // fields[0] is field 3 (state); utime is field 14, stime field 15.
        if (fields.length < 13) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
    }
}
