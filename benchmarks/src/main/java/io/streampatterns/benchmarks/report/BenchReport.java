package io.streampatterns.benchmarks.report;

import io.streampatterns.benchmarks.BenchSettings;
import io.streampatterns.benchmarks.MachineInfo;
import io.streampatterns.benchmarks.Targets;
import io.streampatterns.benchmarks.e2e.LatencyResult;
import io.streampatterns.benchmarks.e2e.ThroughputResult;
import io.streampatterns.benchmarks.jmh.JmhRun;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything one {@code make bench} run measured, for the three reports.
 *
 * @param jvmFlags the benchmark JVM's flags that matter for speed (heap, JIT, GC)
 * @param errors parts that could not run, with why
 */
public record BenchReport(Instant startedAt, Duration took, MachineInfo machine, String loadAtStart, String loadAtEnd,
                          String kafka, String jvmFlags, BenchSettings settings, List<JmhRun.Score> jmh,
                          List<ThroughputResult> throughput, List<LatencyResult> latency, List<Targets.Target> targets,
                          List<String> errors) {

    /** True when the machine was busier than its cores at the start or the end of the run. */
    public boolean underLoad() {
        return MachineInfo.loadPerCore(loadAtStart) > 1.0 || MachineInfo.loadPerCore(loadAtEnd) > 1.0;
    }
}
