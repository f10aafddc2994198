package io.streampatterns.harness.conformance;

import io.streampatterns.harness.spark.SparkBackend;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * A conformance run split over several JVMs, each running a share of the patterns with a Kafka
 * broker and a SparkSession of its own, then merged into one report. A check spends most of its
 * time waiting (for a trigger, a driver JVM to start, a broker to restart): measured on 2 cores,
 * one JVM kept the machine about a quarter busy. Each share gets its own broker because the
 * reading-under-faults check stops and restarts the brokers it owns, and its own local[2] session
 * because a Real-Time Mode query holds one task slot per source partition for a whole batch.
 *
 * <p>A share is a child JVM running {@link ConformanceMain} with {@value #SHARD} set: it runs its
 * patterns as an ordinary run would, writes its results to {@code results.jsonl} and its reports
 * and log into its own folder, and prints its progress, which this class passes on with the share's
 * number in front.
 */
final class ConformanceShards {
    /** How many JVMs a run is split over; 1 runs everything in this JVM. */
    static final String PARALLEL = "CONFORMANCE_PARALLEL";
    /** Set in a share's environment to its number; the share then writes {@value #RESULTS} and no table. */
    static final String SHARD = "CONFORMANCE_SHARD";
    static final String RESULTS = "results.jsonl";
    /** The system property a share's log file is named by, read by log4j2-conformance.properties. */
    static final String LOG_PROPERTY = "streampatterns.conformance.log";

    private ConformanceShards() {
    }

    /**
     * Splits {@code patterns} into {@code shares} lists of about equal {@code weight}, heaviest first
     * (longest processing time first); each list keeps the run's order.
     */
    static <T> List<List<T>> split(List<T> patterns, int shares, ToIntFunction<T> weight) {
        List<List<T>> split = new ArrayList<>();
        int[] load = new int[shares];
        for (int i = 0; i < shares; i++) {
            split.add(new ArrayList<>());
        }
        patterns.stream().sorted(Comparator.comparingInt(weight).reversed()).forEach(pattern -> {
            int lightest = 0;
            for (int i = 1; i < shares; i++) {
                lightest = load[i] < load[lightest] ? i : lightest;
            }
            split.get(lightest).add(pattern);
            load[lightest] += weight.applyAsInt(pattern);
        });
        split.forEach(share -> share.sort(Comparator.comparingInt(patterns::indexOf)));
        split.removeIf(List::isEmpty);
        return split;
    }

    /**
     * Runs each share of pattern names in a child JVM and merges what they found.
     *
     * @return the merged report, or null when a share could not run (its output says why)
     */
    static ConformanceReport run(List<List<String>> shares, List<String> patterns, List<ConformanceCheck> checks,
                                 Map<String, String> environment, Path output, PrintStream out) throws Exception {
        Instant started = Instant.now();
        List<Process> processes = new ArrayList<>();
        List<Thread> echoes = new ArrayList<>();
        for (int i = 0; i < shares.size(); i++) {
            Path folder = Files.createDirectories(output.resolve("shard-" + (i + 1)));
            Files.deleteIfExists(folder.resolve(RESULTS));
            Process process = start(i + 1, shares.get(i), folder, environment);
            processes.add(process);
            echoes.add(echo(process, "[" + (i + 1) + "] ", out));
        }
        boolean allRan = true;
        for (int i = 0; i < processes.size(); i++) {
            int exit = processes.get(i).waitFor();
            echoes.get(i).join();
            // 0 or 1 with its results written: a share that died (a JVM crash, an OOM kill) must not
            // leave a merged report that passes on the other shares' results alone.
            boolean ran = (exit == 0 || exit == 1) && Files.exists(output.resolve("shard-" + (i + 1)).resolve(RESULTS));
            if (!ran) {
                out.println("[" + (i + 1) + "] exited with " + exit + " without its results");
            }
            allRan &= ran;
        }
        if (!allRan) {
            return null;
        }
        return merge(shares.size(), patterns, checks, output, started);
    }

    private static Process start(int number, List<String> patterns, Path folder, Map<String, String> environment)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-D" + LOG_PROPERTY + "=" + folder.resolve("conformance.log"));
        // On SPARK_CLUSTER=standalone the shares join one cluster, started here, rather than each its own.
        command.addAll(SparkBackend.ofThisJvm().asJvmFlags());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ConformanceMain.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().put("CONFORMANCE_PATTERNS", String.join(",", patterns));
        builder.environment().put(PARALLEL, "1");
        builder.environment().put(SHARD, String.valueOf(number));
        builder.environment().put(ConformanceMain.OUTPUT_VARIABLE, folder.toString());
        return builder.start();
    }

    /** Passes a share's output on, each line with {@code prefix}, as it comes. */
    private static Thread echo(Process process, String prefix, PrintStream out) {
        Thread thread = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    synchronized (out) {
                        out.println(prefix + line);
                    }
                }
            } catch (IOException e) {
                out.println(prefix + "(output lost: " + e.getMessage() + ")");
            }
        }, "conformance-share-output");
        thread.start();
        return thread;
    }

    /** One report from the shares' results, in the run's pattern and check order. */
    private static ConformanceReport merge(int shares, List<String> patterns, List<ConformanceCheck> checks, Path output,
                                           Instant started) throws IOException {
        List<CheckResult> results = new ArrayList<>();
        Set<String> kafka = new LinkedHashSet<>();
        for (int i = 1; i <= shares; i++) {
            Path folder = output.resolve("shard-" + i);
            Path file = folder.resolve(RESULTS);
            if (Files.exists(file)) {
                Files.readAllLines(file).stream().filter(line -> !line.isBlank()).map(CheckResultJson::read)
                        .forEach(results::add);
            }
            Path kafkaFile = folder.resolve("kafka.txt");
            if (Files.exists(kafkaFile)) {
                kafka.add("[" + i + "] " + Files.readString(kafkaFile).strip());
            }
            Path junit = folder.resolve("TEST-conformance.xml");
            if (Files.exists(junit)) {
                Files.copy(junit, output.resolve("TEST-conformance-" + i + ".xml"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        List<String> checkNames = checks.stream().map(ConformanceCheck::name).toList();
        results.sort(Comparator.<CheckResult>comparingInt(r -> patterns.indexOf(r.pattern()))
                .thenComparingInt(r -> checkNames.indexOf(r.check())));
        return new ConformanceReport(shares + " JVMs: " + String.join("; ", kafka), started,
                Duration.between(started, Instant.now()), patterns, checks, results);
    }
}
