package io.streampatterns.harness.spark;

import io.streampatterns.harness.kafka.ChildJvm;
import io.streampatterns.harness.kafka.LogTail;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One process of a standalone cluster, a master or a worker: its command line, its log and the
 * signals a chaos scenario sends it. A node keeps its ports and folder across {@link #restart()}, as
 * an operator's restart would.
 */
public final class SparkNode {
    /** Master and worker JVMs: the daemons only schedule; executors do the work in JVMs of their own. */
    static final List<String> DAEMON_FLAGS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true");

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private final String readyLine;
    private Process process;
    private long readyLinesBefore;

    SparkNode(String name, SparkHome home, Path watchdogDir, String mainClass, List<String> args, Path log, String readyLine) {
        this.name = name;
        List<String> flags = new ArrayList<>(DAEMON_FLAGS);
        flags.addAll(SparkJvmFlags.inherited());
        this.command = ChildJvm.command(home.jars(), watchdogDir, flags, mainClass, args);
        this.environment = home.environment();
        this.log = log;
        this.readyLine = readyLine;
    }

    /** Starts the JVM; {@link #awaitReady(Duration)} waits until it serves. */
    synchronized void start() {
        try {
            readyLinesBefore = readyLines();
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.PIPE);
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Spark " + name, e);
        }
    }

    /** Waits for the line that says this start of the node serves; fails with the log's tail when it exits or times out. */
    void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (readyLines() <= readyLinesBefore) {
            if (!isRunning()) {
                throw new IllegalStateException("the Spark " + name + " exited with " + process.exitValue()
                        + " during start-up. " + LogTail.describe(log));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the Spark " + name + " did not log '" + readyLine + "' within "
                        + timeout.toSeconds() + " s. " + LogTail.describe(log));
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    private long readyLines() {
        if (!Files.exists(log)) {
            return 0;
        }
        try (var lines = Files.lines(log)) {
            return lines.filter(line -> line.contains(readyLine)).count();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    /** SIGKILL, as a lost machine; waits until the process is gone. Its executors notice and exit. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts a killed node again on the same ports and folder and waits until it serves. */
    public void restart(Duration timeout) {
        kill();
        start();
        awaitReady(timeout);
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        return process.pid();
    }

    /** The executor JVMs this worker launched and that still run. */
    public List<ProcessHandle> executors() {
        ProcessHandle self;
        synchronized (this) {
            if (process == null) {
                return List.of();
            }
            self = process.toHandle();
        }
        return self.descendants().filter(ProcessHandle::isAlive)
                .filter(child -> child.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend")).toList();
    }

    public Path log() {
        return log;
    }

    @Override
    public String toString() {
        return name;
    }
}
