package io.streampatterns.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** What the figures were measured on, read from the JVM and {@code /proc}. */
public record MachineInfo(int cores, String cpu, double memoryGiB, String jdk, String os) {

    public static MachineInfo capture() {
        String cpu = read("/proc/cpuinfo").flatMap(text -> text.lines().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim())).orElse("unknown");
        double memory = read("/proc/meminfo").flatMap(text -> text.lines().filter(l -> l.startsWith("MemTotal:"))
                .findFirst().map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0)).orElse(0.0);
        String jdk = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch");
        return new MachineInfo(Runtime.getRuntime().availableProcessors(), cpu, memory, jdk, os);
    }

    /** The 1, 5 and 15 minute load averages now, e.g. "1.02 0.87 0.40"; "n/a" where there is no /proc. */
    public static String loadAverage() {
        return read("/proc/loadavg").map(text -> {
            String[] parts = text.trim().split("\\s+");
            return parts.length >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : text.trim();
        }).orElse("n/a");
    }

    /** The 1-minute load average per core; NaN when unknown. */
    public static double loadPerCore(String loadAverage) {
        try {
            return Double.parseDouble(loadAverage.split(" ")[0]) / Runtime.getRuntime().availableProcessors();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    public String describe() {
        return String.format(Locale.ROOT, "%d cores (%s), %.1f GiB, %s, %s", cores, cpu, memoryGiB, jdk, os);
    }

    private static Optional<String> read(String file) {
        try {
            return Optional.of(Files.readString(Path.of(file)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
