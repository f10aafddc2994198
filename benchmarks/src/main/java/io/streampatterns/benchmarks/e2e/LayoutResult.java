package io.streampatterns.benchmarks.e2e;

/**
 * One bronze layout measured: its throughput run, the table it wrote, and what a reader downstream
 * pays for it.
 *
 * @param layout which layout
 * @param run its throughput run (same backlog, same cap as the other layouts)
 * @param tableBytes the table's data files, in bytes (the Delta log left out)
 * @param tableFiles how many data files
 * @param tableRows rows in the table after the run
 * @param silverMillis the silver query over the whole table, median of its runs, in milliseconds
 * @param silverAnswer the silver query's rows, as text: every layout must give the same
 */
public record LayoutResult(BronzeLayout layout, ThroughputResult run, long tableBytes, int tableFiles, long tableRows,
                           long silverMillis, String silverAnswer) {

    /** Table bytes per row. */
    public double bytesPerRow() {
        return tableRows == 0 ? Double.NaN : tableBytes / (double) tableRows;
    }

    /** CPU microseconds of the driver per record ingested; NaN when the CPU was not read. */
    public double cpuMicrosPerRecord() {
        double perCpuSecond = run.recordsPerCpuSecond();
        return Double.isNaN(perCpuSecond) ? Double.NaN : 1e6 / perCpuSecond;
    }

    /** Silver query microseconds per table row. */
    public double silverMicrosPerRow() {
        return tableRows == 0 ? Double.NaN : silverMillis * 1000.0 / tableRows;
    }
}
