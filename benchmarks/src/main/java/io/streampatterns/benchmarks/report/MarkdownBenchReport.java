package io.streampatterns.benchmarks.report;

import io.streampatterns.harness.report.Escape;
import java.util.List;
import java.util.Locale;

/** {@code report.md}: targets, the three tables, memory, where the time goes, and how it was measured. */
public final class MarkdownBenchReport {

    private MarkdownBenchReport() {
    }

    public static String render(BenchReport report) {
        StringBuilder md = new StringBuilder("# Benchmark report\n\n");
        md.append(BenchTables.headline(report)).append("\n\n");
        BenchTables.facts(report).forEach(line -> md.append("- ").append(line).append('\n'));

        md.append("\n## Targets\n\n").append(BenchTables.targets(report).markdown());

        md.append("\n## 1. Transforms (JMH, rows/s)\n\n");
        if (report.jmh().isEmpty()) {
            md.append("Not run.\n");
        } else {
            md.append(BenchTables.jmh(report).markdown()).append("\nJMH's own JSON: `jmh.json`.\n");
        }

        md.append("\n## 2. End-to-end throughput (records/s)\n\n");
        if (report.throughput().isEmpty()) {
            md.append("Not run.\n");
        } else {
            md.append(BenchTables.throughput(report).markdown()).append('\n').append(BenchTables.CPU_SECOND).append('\n');
        }

        if (!BenchTables.steppedBronze(report).isEmpty()) {
            md.append("\n### The steps of a bronze batch\n\n").append(BenchTables.BATCH_STEPS).append("\n\n")
                    .append(BenchTables.batchSteps(report).markdown());
        }
        if (!report.layouts().isEmpty()) {
            md.append("\n### Bronze layouts\n\n").append(BenchTables.LAYOUTS).append("\n\n")
                    .append(BenchTables.layouts(report).markdown());
        }

        md.append("\n## 3. End-to-end latency (ms)\n\n");
        if (report.latency().isEmpty()) {
            md.append("Not run.\n");
        }
        for (int rate : BenchTables.rates(report)) {
            md.append(String.format(Locale.ROOT, "### %,d events/s\n\n", rate)).append(BenchTables.latency(report, rate).markdown())
                    .append('\n');
        }

        md.append("## 4. Memory and CPU per run\n\n").append(BenchTables.MEMORY).append("\n\n")
                .append(BenchTables.usage(report).markdown());

        md.append("\n## Where the time goes\n\n");
        List<Findings.Section> findings = Findings.of(report);
        if (findings.isEmpty()) {
            md.append("No target was measured in this run.\n");
        }
        for (Findings.Section section : findings) {
            md.append("### ").append(section.title()).append("\n\n");
            section.lines().forEach(line -> md.append("- ").append(line).append('\n'));
            md.append('\n');
        }

        md.append("## How it was measured\n\n");
        Findings.method(report).forEach(line -> md.append("- ").append(line).append('\n'));
        if (!report.errors().isEmpty()) {
            md.append("\n## Errors\n\n");
            report.errors().forEach(e -> md.append("- ").append(Escape.markdownCell(e)).append('\n'));
        }
        return md.toString();
    }
}
