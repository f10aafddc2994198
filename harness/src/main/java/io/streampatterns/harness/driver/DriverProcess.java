package io.streampatterns.harness.driver;

import io.streampatterns.harness.conformance.ConformanceEnvironment;
import io.streampatterns.harness.conformance.PipelineUnderTest;
import io.streampatterns.harness.conformance.TestRun;
import io.streampatterns.harness.kafka.ParentWatchdog;
import io.streampatterns.harness.spark.SparkBackend;
import io.streampatterns.harness.spark.SparkJvmFlags;
import io.streampatterns.harness.spark.SparkParallelism;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A pipeline's driver running in a child JVM, which a check or chaos scenario can kill with SIGKILL
 * mid-batch and then restart from the checkpoint. The child runs on this JVM's classpath and module
 * flags, under {@link ParentWatchdog}, so it never outlives the test run.
 */
public final class DriverProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final Path log;

    private DriverProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code pipeline} on {@code run} in a new JVM, created there from its class name, and waits
     * until its query runs.
     *
     * @throws IllegalArgumentException when the pipeline's class cannot be created in another JVM
     */
    public static DriverProcess start(PipelineUnderTest pipeline, TestRun run) {
        return start(pipeline, run, SparkParallelism.DEFAULT);
    }

    /**
     * Like {@link #start(PipelineUnderTest, TestRun)}, on a SparkSession of {@code parallelism}.
     *
     * @throws IllegalArgumentException when the pipeline's class cannot be created in another JVM
     */
    public static DriverProcess start(PipelineUnderTest pipeline, TestRun run, SparkParallelism parallelism) {
        PipelineClasses.whyNotRestartable(pipeline).ifPresent(why -> {
            throw new IllegalArgumentException(why);
        });
        ConformanceEnvironment env = run.environment();
        try {
            Path dir = Files.createDirectories(env.workspace().root().resolve("drivers"));
            Path runFile = dir.resolve(run.name() + ".properties");
            Path log = dir.resolve(run.name() + "-" + System.nanoTime() + ".log");
            RunSpecFile.write(run.spec(), runFile);
            List<String> command = new ArrayList<>();
            command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(SparkJvmFlags.inherited());
            command.addAll(parallelism.asJvmFlags());
            command.addAll(SparkBackend.ofThisJvm().asJvmFlags());
            // A driver lives for seconds to a minute: C1 alone starts it sooner than C1 and C2 would.
            command.addAll(List.of("-XX:TieredStopAtLevel=1", "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                    ParentWatchdog.class.getName(), DriverMain.class.getName(),
                    pipeline.getClass().getName(), runFile.toString(), env.workspace().root().toString(),
                    String.valueOf(env.events().seed())));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
            builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
            DriverProcess driver = new DriverProcess(builder.start(), log);
            driver.awaitStarted();
            return driver;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start a driver JVM", e);
        }
    }

    private void awaitStarted() throws IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (Files.readString(log).contains(DriverMain.STARTED)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the driver JVM exited with " + process.exitValue() + " before its query started:\n" + tail());
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        kill();
        throw new IllegalStateException("the driver JVM did not start its query within " + START_TIMEOUT.toSeconds() + " s:\n" + tail());
    }

    /** SIGKILL, as a crashed machine or an OOM-killer would; waits until the process is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** The last lines of the driver's output, for failure messages. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
