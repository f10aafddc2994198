package io.streampatterns.benchmarks.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * A Java Flight Recorder recording of this JVM during one run (JFR's {@code default} settings:
 * a stack sample of each running thread every 20 ms, GC and CPU load; about 1% overhead), kept as a
 * {@code .jfr} file for JDK Mission Control or {@code jfr print}, and summarized for the report:
 * where the CPU went (methods and packages on top of the sampled stacks, busiest threads), how much
 * the collector paused, and how busy the JVM and the whole machine were.
 */
public final class JfrProfile implements AutoCloseable {
    private static final int TOP = 12;

    private final Recording recording;
    private final Path file;

    private JfrProfile(Recording recording, Path file) {
        this.recording = recording;
        this.file = file;
    }

    /** Starts recording; {@link #stop()} writes {@code file}. */
    public static JfrProfile start(Path file) {
        return start(file, Duration.ZERO);
    }

    /** Starts recording after {@code delay} (a run's warm-up); {@link #stop()} writes {@code file}. */
    public static JfrProfile start(Path file, Duration delay) {
        try {
            Files.createDirectories(file.getParent());
            Recording recording = new Recording(Configuration.getConfiguration("default"));
            recording.setName(file.getFileName().toString());
            recording.setToDisk(true);
            if (delay.isZero()) {
                recording.start();
            } else {
                recording.scheduleStart(delay);
            }
            return new JfrProfile(recording, file);
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("could not start a JFR recording", e);
        }
    }

    /** Stops, writes the file and summarizes it. */
    public Summary stop() {
        try {
            recording.stop();
            recording.dump(file);
            return summarize(file);
        } catch (IOException e) {
            throw new IllegalStateException("could not write JFR recording " + file, e);
        } finally {
            recording.close();
        }
    }

    @Override
    public void close() {
        recording.close();
    }

    /**
     * @param samples stack samples of running Java threads
     * @param topMethods share of samples per method on top of the stack, largest first
     * @param topPackages share of samples per package (first three segments) on top of the stack
     * @param topThreads share of samples per thread (numbers in names folded: "Executor task launch worker")
     * @param gcPauses collections that paused the application
     * @param gcPauseTotalMs their total pause
     * @param gcPauseMaxMs the longest
     * @param jvmCpu mean CPU used by this JVM, share of the machine (0..1)
     * @param machineCpu mean CPU used by the whole machine (0..1): above jvmCpu, other processes (brokers, other work)
     */
    public record Summary(String file, long samples, Map<String, Double> byComponent, Map<String, Double> topMethods,
                          Map<String, Double> topPackages, Map<String, Double> topThreads, long gcPauses,
                          double gcPauseTotalMs, double gcPauseMaxMs, double jvmCpu, double machineCpu) {
    }

    /** A part of the work, known by the classes on a stack; {@code excluded} prefixes do not count. */
    record Component(String name, List<String> prefixes, List<String> excluded) {
        Component(String name, String... prefixes) {
            this(name, List.of(prefixes), List.of());
        }

        boolean matches(String type) {
            return prefixes.stream().anyMatch(type::startsWith) && excluded.stream().noneMatch(type::startsWith);
        }
    }

    /**
     * What a stack sample is spent on, most specific first: a sample counts once, for the first
     * component of this list found anywhere on its stack. So Parquet encoding called by Delta's writer
     * is Parquet, the generated code calling Jackson is JSON parsing, and Delta's per-row statistics
     * are told apart from its log replay and commit (driver work, and the jobs it runs).
     */
    static final List<Component> COMPONENTS = List.of(
            new Component("JSON parsing", "com.fasterxml.jackson.", "org.apache.spark.sql.catalyst.json."),
            new Component("Avro decoding", "org.apache.avro.", "org.apache.spark.sql.avro."),
            new Component("Parquet encoding and writing", "org.apache.parquet.", "shaded.parquet."),
            new Component("compression (lz4, snappy, zstd)", "net.jpountz.", "org.xerial.snappy.", "com.github.luben.zstd."),
            new Component("Kafka client (fetch, produce)", "org.apache.kafka.", "org.apache.spark.sql.kafka010."),
            new Component("Delta per-row statistics (data skipping)", "org.apache.spark.sql.delta.stats."),
            // The codegen package also holds the row writers the generated code runs with: those are row processing.
            new Component("code generation and compilation", List.of("org.apache.spark.sql.catalyst.expressions.codegen.",
                    "org.codehaus.janino.", "org.codehaus.commons."), List.of(
                    "org.apache.spark.sql.catalyst.expressions.codegen.UnsafeRowWriter",
                    "org.apache.spark.sql.catalyst.expressions.codegen.UnsafeWriter",
                    "org.apache.spark.sql.catalyst.expressions.codegen.UnsafeArrayWriter",
                    "org.apache.spark.sql.catalyst.expressions.codegen.BufferHolder")),
            new Component("query planning (Catalyst)", "org.apache.spark.sql.catalyst.rules.",
                    "org.apache.spark.sql.catalyst.analysis.", "org.apache.spark.sql.catalyst.optimizer.",
                    "org.apache.spark.sql.execution.QueryExecution", "org.apache.spark.sql.execution.adaptive."),
            // Every task runs under scheduler.Task.run: that frame alone is not scheduling.
            new Component("task scheduling and serialization", List.of("org.apache.spark.scheduler.",
                    "org.apache.spark.serializer.", "java.io.ObjectOutputStream", "java.io.ObjectInputStream"), List.of(
                    "org.apache.spark.scheduler.Task", "org.apache.spark.scheduler.ResultTask",
                    "org.apache.spark.scheduler.ShuffleMapTask")),
            new Component("Delta log and commit", List.of("io.delta.", "org.apache.spark.sql.delta."),
                    List.of("org.apache.spark.sql.delta.files.")),
            new Component("row processing (generated code, UnsafeRow)",
                    "org.apache.spark.sql.catalyst.expressions.", "org.apache.spark.unsafe."),
            new Component("Hadoop file system", "org.apache.hadoop."));

    /** The component of a stack (class names, top frame first), or "other". */
    static String component(List<String> stackTypes) {
        for (Component component : COMPONENTS) {
            if (stackTypes.stream().anyMatch(component::matches)) {
                return component.name();
            }
        }
        return "other";
    }

    public static Summary summarize(Path file) throws IOException {
        Map<String, Long> components = new HashMap<>();
        Map<String, Long> methods = new HashMap<>();
        Map<String, Long> packages = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        long samples = 0;
        long pauses = 0;
        double pauseTotal = 0;
        double pauseMax = 0;
        double jvm = 0;
        double machine = 0;
        long loads = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                switch (event.getEventType().getName()) {
                    case "jdk.ExecutionSample" -> {
                        samples++;
                        RecordedStackTrace stack = event.getStackTrace();
                        if (stack != null && !stack.getFrames().isEmpty()) {
                            RecordedFrame top = stack.getFrames().get(0);
                            String type = top.getMethod().getType().getName();
                            methods.merge(simplify(type) + "." + top.getMethod().getName(), 1L, Long::sum);
                            packages.merge(packageOf(type), 1L, Long::sum);
                            components.merge(component(stack.getFrames().stream()
                                    .map(f -> f.getMethod().getType().getName()).toList()), 1L, Long::sum);
                        }
                        RecordedThread thread = event.getThread("sampledThread");
                        threads.merge(thread == null ? "?" : threadGroup(thread.getJavaName()), 1L, Long::sum);
                    }
                    case "jdk.GarbageCollection" -> {
                        Duration pause = event.getDuration("sumOfPauses");
                        pauses++;
                        double ms = pause.toNanos() / 1e6;
                        pauseTotal += ms;
                        pauseMax = Math.max(pauseMax, event.getDuration("longestPause").toNanos() / 1e6);
                    }
                    case "jdk.CPULoad" -> {
                        jvm += event.getFloat("jvmUser") + event.getFloat("jvmSystem");
                        machine += event.getFloat("machineTotal");
                        loads++;
                    }
                    default -> {
                    }
                }
            }
        }
        return new Summary(file.toString(), samples, shares(components, samples), shares(methods, samples),
                shares(packages, samples),
                shares(threads, samples), pauses, pauseTotal, pauseMax, loads == 0 ? 0 : jvm / loads,
                loads == 0 ? 0 : machine / loads);
    }

    /** The largest counts as shares of {@code total}, at most {@value #TOP}. */
    static Map<String, Double> shares(Map<String, Long> counts, long total) {
        Map<String, Double> top = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP)
                .forEach(e -> top.put(e.getKey(), total == 0 ? 0 : e.getValue() / (double) total));
        return top;
    }

    /** Spark's generated classes differ per query; one name for all of them. */
    static String simplify(String type) {
        if (type.startsWith("org.apache.spark.sql.catalyst.expressions.GeneratedClass")) {
            return "GeneratedClass(whole-stage codegen)";
        }
        return type;
    }

    static String packageOf(String type) {
        if (type.startsWith("org.apache.spark.sql.catalyst.expressions.GeneratedClass")) {
            return "generated code (whole-stage codegen)";
        }
        String[] parts = type.split("\\.");
        int keep = Math.min(parts.length - 1, type.startsWith("org.apache.") ? 4 : 3);
        return keep <= 0 ? type : String.join(".", List.of(parts).subList(0, keep));
    }

    /** Thread names without their numbers, so a pool is one line. */
    static String threadGroup(String name) {
        if (name == null) {
            return "?";
        }
        if (name.startsWith("Executor task")) {
            // Spark renames its task threads per task; JFR keeps the name a thread had when first seen.
            return "Spark task threads";
        }
        return name.replaceAll("\\s*\\[id = [^]]*]", "").replaceAll("[0-9]+", "N").replaceAll("\\(TID N\\)", "").trim();
    }
}
