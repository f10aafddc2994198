package io.streampatterns.benchmarks.jmh;

import io.streampatterns.benchmarks.BenchSettings;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link TransformBenchmarks} with JMH, one forked JVM per benchmark, and keeps JMH's own JSON
 * ({@code jmh.json}) and console output ({@code jmh.log}) beside the report.
 */
public final class JmhRun {

    /** One benchmark's score: rows per second, with JMH's 99.9% error margin (NaN with one sample). */
    public record Score(String benchmark, double rowsPerSecond, double error, long samples) {
    }

    private JmhRun() {
    }

    /** The benchmark names in the order the report lists them. */
    public static final List<String> BENCHMARKS = List.of("jsonParse", "kafkaMetadata", "dlqValidationSplit",
            "enrichmentJoin", "avroDecodePlain", "avroDecodeWireFormat");

    public static List<Score> run(BenchSettings settings, Path output) throws RunnerException {
        List<String> selected = settings.jmhBenchmarks().isEmpty() ? BENCHMARKS : settings.jmhBenchmarks();
        Options options = new OptionsBuilder()
                .include(TransformBenchmarks.class.getName() + "\\.(" + String.join("|", selected) + ")$")
                .forks(1)
                .warmupIterations(settings.jmhWarmupIterations())
                .warmupTime(TimeValue.milliseconds(settings.jmhWarmupTime().toMillis()))
                .measurementIterations(settings.jmhMeasurementIterations())
                .measurementTime(TimeValue.milliseconds(settings.jmhMeasurementTime().toMillis()))
                .timeout(TimeValue.minutes(5))
                .jvmArgs(forkFlags().toArray(String[]::new))
                .shouldFailOnError(false)
                .resultFormat(ResultFormatType.JSON)
                .result(output.resolve("jmh.json").toString())
                .output(output.resolve("jmh.log").toString())
                .build();
        Collection<RunResult> results = new Runner(options).run();
        List<Score> scores = new ArrayList<>();
        for (RunResult result : results) {
            String label = result.getParams().getBenchmark();
            String name = label.substring(label.lastIndexOf('.') + 1);
            scores.add(new Score(name, result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreError(),
                    result.getPrimaryResult().getSampleCount()));
        }
        scores.sort(java.util.Comparator.comparingInt(s -> BENCHMARKS.indexOf(s.benchmark())));
        return scores;
    }

    /**
     * The forks' JVM flags: this JVM's heap, JIT/GC and Spark module flags (make bench starts it with
     * {@code bench.jvm.flags}), without its system properties, agents or debug settings.
     */
    static List<String> forkFlags() {
        return forkFlags(ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    static List<String> forkFlags(List<String> inherited) {
        return inherited.stream().filter(flag -> flag.startsWith("--add-opens") || flag.startsWith("--add-exports")
                || flag.startsWith("-XX:") || flag.startsWith("-Xmx") || flag.startsWith("-Xms") || flag.startsWith("-Xss")
                || flag.startsWith("-Dio.netty") || flag.startsWith("-Dlog4j")).toList();
    }

}
