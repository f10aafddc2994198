package io.streampatterns.benchmarks;

import io.streampatterns.benchmarks.e2e.BenchEnvironment;
import io.streampatterns.benchmarks.e2e.LatencyBench;
import io.streampatterns.benchmarks.e2e.LatencyResult;
import io.streampatterns.benchmarks.e2e.LayoutResult;
import io.streampatterns.benchmarks.e2e.ThroughputBench;
import io.streampatterns.benchmarks.e2e.ThroughputResult;
import io.streampatterns.benchmarks.jmh.JmhRun;
import io.streampatterns.benchmarks.report.BenchReport;
import io.streampatterns.benchmarks.report.HtmlBenchReport;
import io.streampatterns.benchmarks.report.JsonBenchReport;
import io.streampatterns.benchmarks.report.MarkdownBenchReport;
import io.streampatterns.harness.conformance.KafkaBackend;
import io.streampatterns.harness.data.EventGenerator;
import io.streampatterns.harness.delta.DeltaWorkspace;
import io.streampatterns.harness.spark.LocalSpark;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code make bench}: JMH for each transform, then end-to-end throughput and latency against a raw
 * Kafka relay on the same broker, then {@code target/bench/report.md}, {@code report.html} and
 * {@code report.json}. Exits 0 when it measured what it was asked to (a missed target is reported,
 * not an error; {@code BENCH_STRICT=1} makes it exit 1), 2 when a part could not run.
 *
 * <p>Environment: see {@link BenchSettings} ({@code BENCH_QUICK}, {@code BENCH_PARTS}, ...) and
 * {@link KafkaBackend} ({@code KAFKA_BOOTSTRAP_SERVERS=host:port make bench} measures a real cluster).
 */
public final class BenchMain {
    static final Path OUTPUT = Path.of("target", "bench");

    private BenchMain() {
    }

    public static void main(String[] args) {
        System.exit(run(System.getenv(), System.out));
    }

    static int run(Map<String, String> environment, PrintStream out) {
        Instant started = Instant.now();
        BenchSettings settings;
        try {
            settings = BenchSettings.fromEnvironment(environment);
            Files.createDirectories(OUTPUT);
            clean(OUTPUT.resolve("jfr"));
            clean(OUTPUT.resolve("logs"));
        } catch (RuntimeException | IOException e) {
            out.println("Benchmarks could not start: " + e.getMessage());
            return 2;
        }
        MachineInfo machine = MachineInfo.capture();
        String loadAtStart = MachineInfo.loadAverage();
        out.printf("Benchmarks%s: %s; parts %s%n", settings.quick() ? " (quick)" : "", machine.describe(),
                settings.parts().stream().map(p -> p.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        out.println("Load average at start: " + loadAtStart);

        List<String> errors = new ArrayList<>();
        List<JmhRun.Score> jmh = List.of();
        if (settings.runs(BenchSettings.Part.JMH)) {
            out.printf("[1/3] JMH: %d transforms, one fork each (log: %s) ...%n",
                    settings.jmhBenchmarks().isEmpty() ? JmhRun.BENCHMARKS.size() : settings.jmhBenchmarks().size(),
                    OUTPUT.resolve("jmh.log"));
            try {
                jmh = JmhRun.run(settings, OUTPUT);
                jmh.forEach(s -> out.printf(Locale.ROOT, "  %-22s %,12.0f rows/s%n", s.benchmark(), s.rowsPerSecond()));
                List<String> names = jmh.stream().map(JmhRun.Score::benchmark).toList();
                (settings.jmhBenchmarks().isEmpty() ? JmhRun.BENCHMARKS : settings.jmhBenchmarks()).stream()
                        .filter(b -> !names.contains(b))
                        .forEach(b -> errors.add("JMH " + b + " produced no result; see target/bench/jmh.log"));
            } catch (Exception e) {
                errors.add("JMH could not run: " + e);
                out.println("  JMH failed: " + e);
            }
        }

        List<ThroughputResult> throughput = new ArrayList<>();
        List<LatencyResult> latency = new ArrayList<>();
        List<LayoutResult> layouts = new ArrayList<>();
        String kafkaDescription = "not used";
        if (settings.runs(BenchSettings.Part.THROUGHPUT) || settings.runs(BenchSettings.Part.LATENCY)) {
            out.println("Starting Kafka ...");
            KafkaBackend kafka;
            try {
                kafka = KafkaBackend.fromEnvironment(environment);
            } catch (RuntimeException e) {
                out.println("Benchmarks could not start Kafka: " + e.getMessage());
                errors.add("Kafka could not start: " + e.getMessage());
                kafka = null;
            }
            if (kafka != null) {
                kafkaDescription = kafka.description();
                try (KafkaBackend backend = kafka; DeltaWorkspace workspace = DeltaWorkspace.create()) {
                    out.println("Kafka: " + backend.description());
                    out.println("Starting Spark (local[2]) ...");
                    settings.sparkConf().forEach((key, value) -> {
                        out.println("  Spark setting for this run: " + key + "=" + value);
                        LocalSpark.session().conf().set(key, value);
                    });
                    String prefix = "bench" + Long.toString(System.currentTimeMillis() / 1000, 36);
                    BenchEnvironment env = new BenchEnvironment(backend.endpoint(), backend.description(),
                            LocalSpark.session(), workspace, new EventGenerator(settings.seed()), prefix,
                            Optional.ofNullable(environment.get("KAFKA_CLIENT_PROPERTIES")).map(Path::of),
                            OUTPUT, settings, out);
                    if (settings.runs(BenchSettings.Part.THROUGHPUT)) {
                        out.println("[2/3] End-to-end throughput ...");
                        try {
                            ThroughputBench bench = new ThroughputBench(env);
                            throughput.addAll(bench.run());
                            layouts.addAll(bench.layouts());
                        } catch (RuntimeException e) {
                            errors.add("throughput: " + e.getMessage());
                            e.printStackTrace(out);
                        }
                    }
                    if (settings.runs(BenchSettings.Part.LATENCY)) {
                        out.println("[3/3] End-to-end latency ...");
                        try {
                            latency.addAll(new LatencyBench(env).run());
                        } catch (RuntimeException e) {
                            errors.add("latency: " + e.getMessage());
                            e.printStackTrace(out);
                        }
                    }
                } catch (Exception e) {
                    errors.add("end-to-end: " + e);
                    e.printStackTrace(out);
                }
            }
        }

        List<Targets.Target> targets = Targets.evaluate(throughput, latency);
        BenchReport report = new BenchReport(started, Duration.between(started, Instant.now()), machine, loadAtStart,
                MachineInfo.loadAverage(), kafkaDescription, jvmFlags(), settings, jmh, throughput, latency, targets, errors,
                layouts);
        try {
            write(report);
        } catch (IOException e) {
            out.println("Could not write the reports: " + e);
            return 2;
        }
        out.println();
        for (Targets.Target t : targets) {
            out.printf("%-12s %s: %s%n", t.status(), t.requirement(), t.measured());
        }
        errors.forEach(e -> out.println("ERROR " + e));
        out.printf("Reports: %s, report.html, report.json, jmh.json (took %d min %02d s)%n", OUTPUT.resolve("report.md"),
                report.took().toMinutes(), report.took().toSecondsPart());
        if (!errors.isEmpty()) {
            return 2;
        }
        return settings.strict() && Targets.anyMissed(targets) ? 1 : 0;
    }

    /** Deletes the files a previous run left in {@code folder}, so the reports point at this run's only. */
    static void clean(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                if (Files.isRegularFile(file)) {
                    Files.delete(file);
                }
            }
        }
    }

    static void write(BenchReport report) throws IOException {
        Files.createDirectories(OUTPUT);
        Files.writeString(OUTPUT.resolve("report.md"), MarkdownBenchReport.render(report));
        Files.writeString(OUTPUT.resolve("report.html"), HtmlBenchReport.render(report));
        Files.writeString(OUTPUT.resolve("report.json"), JsonBenchReport.render(report));
    }

    /** This JVM's flags that matter for speed: heap, JIT and GC. */
    static String jvmFlags() {
        String flags = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(f -> f.startsWith("-Xm") || (f.startsWith("-XX:") && !f.contains("IgnoreUnrecognized")))
                .collect(Collectors.joining(" "));
        String collectors = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(java.lang.management.GarbageCollectorMXBean::getName).collect(Collectors.joining(", "));
        return flags + " (collectors: " + collectors + ")";
    }
}
