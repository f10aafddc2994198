package io.streampatterns.benchmarks.e2e;

import io.streampatterns.harness.kafka.ParentWatchdog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@link RelayMain} in a child JVM (under {@link ParentWatchdog}, so it never outlives the run). */
public final class RelayProcess implements AutoCloseable {
    private static final Pattern DONE = Pattern.compile(RelayMain.DONE
            + " records=(\\d+) acked=(\\d+) warmup_records=(\\d+) first_to_warm_ms=(\\d+) first_to_end_ms=(\\d+)");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    /** What a throughput relay reports: records relayed, and when (ms after its first poll) warm-up ended and it finished. */
    public record Timings(long records, long acked, long warmupRecords, long warmupEndMs, long endMs) {
        /** Records per second after the warm-up records. */
        public double steadyRecordsPerSecond() {
            return Throughput.perSecond(records - warmupRecords, endMs - warmupEndMs);
        }

        public double overallRecordsPerSecond() {
            return Throughput.perSecond(records, endMs);
        }
    }

    private final Process process;
    private final Path log;

    private RelayProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts a relay and waits until it has its partitions and is about to poll.
     *
     * @param clientProperties the client properties file (security) of an external cluster, if any
     */
    public static RelayProcess start(boolean throughput, String bootstrap, String in, String out, long expected,
                                     long warmupRecords, Optional<Path> clientProperties, Path logDir) {
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve("relay-" + in + ".log");
            List<String> command = new ArrayList<>();
            command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmFlags());
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), ParentWatchdog.class.getName(),
                    RelayMain.class.getName(), throughput ? "throughput" : "latency", bootstrap, in, out,
                    Long.toString(expected), Long.toString(warmupRecords),
                    clientProperties.map(Path::toString).orElse("-")));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
            RelayProcess relay = new RelayProcess(builder.start(), log);
            relay.awaitLine(RelayMain.READY, READY_TIMEOUT);
            return relay;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the relay JVM", e);
        }
    }

    /** The relay's own heap, and this JVM's JIT and GC choices so both sides run alike. */
    private static List<String> jvmFlags() {
        List<String> flags = new ArrayList<>(List.of("-Xmx512m"));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(flag -> flag.startsWith("-XX:") && !flag.startsWith("-XX:+IgnoreUnrecognizedVMOptions"))
                .forEach(flags::add);
        flags.add("-Dlog4j2.level=warn");
        return flags;
    }

    public long pid() {
        return process.pid();
    }

    /** Waits for a throughput relay to finish and returns its timings. */
    public Timings awaitDone(Duration timeout) {
        String line = awaitLine(RelayMain.DONE, timeout);
        Matcher m = DONE.matcher(line);
        if (!m.find()) {
            throw new IllegalStateException("the relay's last line is not understood: " + line);
        }
        return new Timings(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                Long.parseLong(m.group(4)), Long.parseLong(m.group(5)));
    }

    private String awaitLine(String prefix, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Optional<String> line = lines().stream().filter(l -> l.startsWith(prefix)).findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            Optional<String> failed = lines().stream().filter(l -> l.startsWith(RelayMain.FAILED)).findFirst();
            if (failed.isPresent() || !process.isAlive()) {
                throw new IllegalStateException("the relay failed" + failed.map(f -> ": " + f).orElse(
                        " (exit " + (process.isAlive() ? "?" : process.exitValue()) + ")") + "\n" + tail());
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        throw new IllegalStateException("the relay did not print '" + prefix + "' within " + timeout.toSeconds() + " s\n" + tail());
    }

    private List<String> lines() {
        try {
            return Files.readAllLines(log);
        } catch (IOException e) {
            return List.of();
        }
    }

    private String tail() {
        List<String> lines = lines();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    /** Stops the relay: SIGTERM (its producer flushes), then SIGKILL if it lingers. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
