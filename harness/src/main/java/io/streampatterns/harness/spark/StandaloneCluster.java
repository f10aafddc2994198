package io.streampatterns.harness.spark;

import io.streampatterns.harness.kafka.ChildJvm;
import io.streampatterns.harness.kafka.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster on the loopback: a master and its workers, each its own JVM
 * started from the jars the build resolved (no Spark distribution, no Docker), each worker
 * launching executor JVMs for the applications that connect. Chaos scenarios kill its workers and
 * their executors; a killed worker can be {@linkplain SparkNode#restart(Duration) restarted}.
 *
 * <pre>{@code
 * try (StandaloneCluster cluster = StandaloneCluster.start(StandaloneCluster.Spec.DEFAULT)) {
 *     SparkSession.builder().master(cluster.masterUrl())...
 * }
 * }</pre>
 */
public final class StandaloneCluster implements AutoCloseable {
    static final String MASTER_CLASS = "org.apache.spark.deploy.master.Master";
    static final String WORKER_CLASS = "org.apache.spark.deploy.worker.Worker";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    /**
     * The cluster's shape. A worker's cores are slots it offers, not the machine's cores: the kit's
     * applications ask for 1-core executors and few of them, and several run at once (a conformance
     * share's session beside a driver JVM a check restarts), so workers offer more than 2 cores'
     * worth or the second application would wait for the first to end.
     *
     * @param workers how many workers, at least 1
     * @param coresPerWorker task slots each worker offers
     * @param memoryPerWorker memory each worker may give its executors, Spark's notation ({@code 8g})
     */
    public record Spec(int workers, int coresPerWorker, String memoryPerWorker) {
        /** Two workers of 8 slots and 8 GiB each. */
        public static final Spec DEFAULT = new Spec(2, 8, "8g");

        public Spec {
            if (workers < 1 || coresPerWorker < 1) {
                throw new IllegalArgumentException("a standalone cluster needs at least 1 worker of at least 1 core, got "
                        + workers + " of " + coresPerWorker);
            }
        }
    }

    private final Path root;
    private final SparkHome home;
    private final String masterUrl;
    private final SparkNode master;
    private final List<SparkNode> workers;

    private StandaloneCluster(Path root, SparkHome home, String masterUrl, SparkNode master, List<SparkNode> workers) {
        this.root = root;
        this.home = home;
        this.masterUrl = masterUrl;
        this.master = master;
        this.workers = workers;
    }

    /** Starts a master and {@code spec.workers()} workers and waits until every worker has registered. */
    public static StandaloneCluster start(Spec spec) {
        Instant begun = Instant.now();
        Path root = createRoot();
        SparkHome home = SparkHome.create(root.resolve("spark-home"), SparkClasspath.ofThisJvm().platform());
        Path watchdog = root.resolve("watchdog");
        ChildJvm.installWatchdog(watchdog);
        List<Integer> ports = FreePorts.allocate(2 + spec.workers() * 2);
        String masterUrl = "spark://127.0.0.1:" + ports.get(0);
        SparkNode master = new SparkNode("master", home, watchdog, MASTER_CLASS,
                List.of("--host", "127.0.0.1", "--port", ports.get(0).toString(), "--webui-port", ports.get(1).toString()),
                root.resolve("master.log"), "I have been elected leader");
        List<SparkNode> workers = new ArrayList<>();
        for (int i = 0; i < spec.workers(); i++) {
            Path workDir = root.resolve("worker-" + (i + 1));
            workers.add(new SparkNode("worker " + (i + 1), home, watchdog, WORKER_CLASS,
                    List.of("--host", "127.0.0.1", "--port", ports.get(2 + 2 * i).toString(), "--webui-port",
                            ports.get(3 + 2 * i).toString(), "--cores", String.valueOf(spec.coresPerWorker()),
                            "--memory", spec.memoryPerWorker(), "--work-dir", workDir.toString(), masterUrl),
                    root.resolve("worker-" + (i + 1) + ".log"), "Successfully registered with master"));
        }
        StandaloneCluster cluster = new StandaloneCluster(root, home, masterUrl, master, List.copyOf(workers));
        try {
            master.start();
            master.awaitReady(START_TIMEOUT);
            workers.forEach(SparkNode::start);
            workers.forEach(worker -> worker.awaitReady(START_TIMEOUT));
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        System.out.printf("[spark] standalone cluster %s: %d workers of %d slots, started in %.1f s (logs in %s)%n",
                masterUrl, spec.workers(), spec.coresPerWorker(), Duration.between(begun, Instant.now()).toMillis() / 1000.0, root);
        return cluster;
    }

    private static Path createRoot() {
        try {
            return Files.createTempDirectory("spark-standalone-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the cluster's folder", e);
        }
    }

    /** {@code spark://127.0.0.1:port}. */
    public String masterUrl() {
        return masterUrl;
    }

    /** The Spark home the nodes run from: what {@code spark-submit} runs from, too. */
    public SparkHome home() {
        return home;
    }

    public SparkNode master() {
        return master;
    }

    public List<SparkNode> workers() {
        return workers;
    }

    /** Every executor JVM the workers run now. */
    public List<ProcessHandle> executors() {
        return workers.stream().flatMap(worker -> worker.executors().stream()).toList();
    }

    /** Kills the workers (their executors follow) and the master, then deletes the cluster's folder. */
    @Override
    public void close() {
        workers.forEach(SparkNode::kill);
        master.kill();
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A folder left in /tmp is no reason to fail a run.
        }
    }
}
