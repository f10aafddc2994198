package io.streampatterns.harness.kafka;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One combined broker+controller node: its folder, its configuration files and its child JVM, and
 * the signals an operator (or a chaos test) sends that JVM. It knows nothing of the other nodes:
 * {@link ClusterStartup} launches and waits for it, {@link ClusterNodes} finds it by id.
 *
 * <p>The folder layout ({@code server.properties}, {@code log4j2.properties}, {@code data/},
 * {@code broker.log}) survives restarts, so a restarted node comes back with its log segments and
 * metadata, on the same ports.
 */
final class BrokerNode {

    /** How long a SIGTERM'd broker may take for its controlled shutdown. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final NodeAddress address;
    private final Path dir;
    private final Path libs;
    private final Path watchdogDir;
    private Process process;
    private boolean paused;
    private int launches;

    BrokerNode(NodeAddress address, Path dir, Path libs, Path watchdogDir) {
        this.address = address;
        this.dir = dir;
        this.libs = libs;
        this.watchdogDir = watchdogDir;
    }

    NodeAddress address() {
        return address;
    }

    int id() {
        return address.nodeId();
    }

    Path configFile() {
        return dir.resolve("server.properties");
    }

    Path logFile() {
        return dir.resolve("broker.log");
    }

    Path formatLogFile() {
        return dir.resolve("format.log");
    }

    private Path log4jFile() {
        return dir.resolve("log4j2.properties");
    }

    /**
     * Writes {@code server.properties} and {@code log4j2.properties} into the node's folder.
     *
     * @param tls the SASL_SSL listener's keystore; required when this node has that listener, else null
     */
    void writeConfig(ClusterSpec spec, List<NodeAddress> all, TlsMaterial tls) throws IOException {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        ServerProperties.write(ServerProperties.forNode(spec, address, all, data, tls), configFile());
        Files.writeString(log4jFile(), ServerProperties.log4j2(), StandardCharsets.UTF_8);
    }

    /**
     * Starts {@code kafka.tools.StorageTool format} for this node in a child JVM; the caller waits.
     *
     * @param clusterId the cluster id every node of the cluster shares
     * @return the running format process (output goes to {@link #formatLogFile()})
     */
    Process startFormat(String clusterId) throws IOException {
        List<String> cmd = ChildJvm.command(libs, watchdogDir, withLog4j(ChildJvm.TOOL_FLAGS),
                "kafka.tools.StorageTool", List.of("format", "-t", clusterId, "-c", configFile().toString()));
        return new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(formatLogFile().toFile())
                .start();
    }

    /** Starts the broker JVM; output is appended to {@link #logFile()}. */
    synchronized void launch() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("node " + id() + " is already running (pid " + process.pid() + ")");
        }
        launches++;
        Files.writeString(logFile(), "==== KafkaCluster: launch #" + launches + " of node " + id() + " at "
                + Instant.now() + " ====\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        List<String> cmd = ChildJvm.command(libs, watchdogDir, withLog4j(ChildJvm.BROKER_FLAGS),
                "kafka.Kafka", List.of(configFile().toString()));
        process = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                .start();
        // Standard input stays open: it is the pipe ParentWatchdog watches.
        paused = false;
    }

    private List<String> withLog4j(List<String> flags) {
        List<String> all = new ArrayList<>(flags);
        all.add("-Dlog4j2.configurationFile=" + log4jFile().toAbsolutePath());
        return all;
    }

    synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** @return the exit code of the last run, or {@code null} while running or never started */
    synchronized Integer exitCode() {
        return process == null || process.isAlive() ? null : process.exitValue();
    }

    synchronized long pid() {
        if (!isRunning()) {
            throw new IllegalStateException("node " + id() + " is not running");
        }
        return process.pid();
    }

    /** SIGKILL, then waits until the process is gone. Does nothing if the node is not running. */
    synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
        paused = false;
    }

    /** Sends SIGKILL without waiting; used to take a whole cluster down at once. */
    synchronized void killAsync() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    /**
     * SIGTERM (resuming a paused node first, or the signal would wait) and waits for the controlled
     * shutdown to finish.
     *
     * @throws KafkaClusterException if the node did not exit in {@link #STOP_TIMEOUT}; it is then
     *     killed
     */
    synchronized void stop() {
        if (!isRunning()) {
            return;
        }
        if (paused) {
            resume();
        }
        process.destroy();
        if (!awaitExit(STOP_TIMEOUT)) {
            kill();
            throw new KafkaClusterException("node " + id() + " did not exit within " + STOP_TIMEOUT.toSeconds()
                    + " s of SIGTERM and was killed. " + describeLog());
        }
    }

    /** SIGSTOP: the process freezes, its sockets stay open, as in a long GC pause or a hung VM. */
    synchronized void pause() {
        signal("STOP");
        paused = true;
    }

    /** SIGCONT: undoes {@link #pause()}. */
    synchronized void resume() {
        signal("CONT");
        paused = false;
    }

    private void signal(String name) {
        long pid = pid();
        try {
            Process p = new ProcessBuilder("kill", "-" + name, Long.toString(pid))
                    .redirectErrorStream(true).start();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new KafkaClusterException("kill -" + name + " " + pid + " failed: "
                        + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new KafkaClusterException("cannot run kill -" + name + " " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaClusterException("interrupted while signalling node " + id(), e);
        }
    }

    /** Waits for the process to exit, then closes its pipes; true if it exited in time. */
    synchronized boolean awaitExit(Duration timeout) {
        if (process == null) {
            return true;
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        closeQuietly(process);
        return true;
    }

    private static void closeQuietly(Process p) {
        try {
            p.getOutputStream().close();
        } catch (IOException ignored) {
            // the child is gone; nothing to flush
        }
    }

    /** A sentence naming the log file followed by its last lines, for failure messages. */
    String describeLog() {
        return LogTail.describe(logFile());
    }

    @Override
    public String toString() {
        return "node " + id() + " (" + address.brokerEndpoint() + ")";
    }
}
