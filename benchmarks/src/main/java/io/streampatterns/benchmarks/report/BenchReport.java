package io.streampatterns.benchmarks.report;

import io.streampatterns.benchmarks.BenchSettings;
import io.streampatterns.benchmarks.MachineInfo;
import io.streampatterns.benchmarks.Targets;
import io.streampatterns.benchmarks.e2e.LatencyResult;
import io.streampatterns.benchmarks.e2e.LayoutResult;
import io.streampatterns.benchmarks.e2e.ThroughputResult;
import io.streampatterns.benchmarks.jmh.JmhRun;
import io.streampatterns.benchmarks.profile.JfrProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Everything one {@code make bench} run measured, for the three reports.
 *
 * @param jvmFlags the benchmark JVM's flags that matter for speed (heap, JIT, GC)
 * @param errors parts that could not run, with why
 * @param layouts the bronze layouts measured (their runs are also in {@code throughput})
 */
public record BenchReport(Instant startedAt, Duration took, MachineInfo machine, String loadAtStart, String loadAtEnd,
                          String kafka, String jvmFlags, BenchSettings settings, List<JmhRun.Score> jmh,
                          List<ThroughputResult> throughput, List<LatencyResult> latency, List<Targets.Target> targets,
                          List<String> errors, List<LayoutResult> layouts) {

    /** Share of the machine's CPU above which work outside the benchmark makes its figures noisy. */
    static final double OTHER_WORK_LIMIT = 1 / 3.0;

    /**
     * True when other work shared the machine: its load was above its cores at the start, or during a
     * Spark run more than a third of the CPU went to processes outside the benchmark. The load at the end
     * does not count: on a small machine it is the benchmark's own.
     */
    public boolean underLoad() {
        return MachineInfo.loadPerCore(loadAtStart) > 1.0 || otherWorkShare() > OTHER_WORK_LIMIT;
    }

    /**
     * The largest share of the machine's CPU, over the profiled Spark runs, that neither the benchmark's
     * JVM nor the brokers used (JFR's machine and JVM CPU, the brokers' CPU sampled by {@code RssSampler}).
     */
    public double otherWorkShare() {
        Stream<Map.Entry<JfrProfile.Summary, Map<String, Double>>> runs = Stream.concat(
                throughput.stream().filter(t -> t.profile() != null).map(t -> Map.entry(t.profile(), t.cpuCores())),
                latency.stream().filter(l -> l.profile() != null).map(l -> Map.entry(l.profile(), l.cpuCores())));
        return runs.mapToDouble(run -> run.getKey().machineCpu() - run.getKey().jvmCpu() - brokerShare(run.getValue()))
                .max().orElse(0);
    }

    private double brokerShare(Map<String, Double> cpuCores) {
        return cpuCores.entrySet().stream().filter(e -> e.getKey().startsWith("broker"))
                .mapToDouble(Map.Entry::getValue).sum() / machine.cores();
    }
}
