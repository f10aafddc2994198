package io.streampatterns.harness.spark;

import io.streampatterns.harness.settings.EnvironmentSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.spark.util.ShutdownHookManager;
import scala.runtime.BoxedUnit;

/**
 * Where the kit's SparkSessions run their tasks, chosen once per JVM from the environment:
 * <ul>
 *   <li>{@code local} (the default): {@code local[n]}, driver and executors in one JVM;</li>
 *   <li>{@code SPARK_CLUSTER=standalone}: a {@link StandaloneCluster} this JVM starts (master and two
 *       workers on the loopback) and every driver JVM it starts joins;</li>
 *   <li>{@code SPARK_MASTER_URL=spark://host:7077}: a standalone cluster that already runs; each
 *       application ships its own classes and the connectors a stock Spark lacks.</li>
 * </ul>
 * On a cluster, an application gets one 1-core executor per task slot ({@link SparkParallelism}),
 * its own classes through {@code spark.jars}, and starts only once all its executors registered,
 * so a Real-Time Mode query counts its slots right and a first batch does not wait for executors.
 */
public final class SparkBackend {
    public static final String CLUSTER_VARIABLE = "SPARK_CLUSTER";
    public static final String MASTER_VARIABLE = "SPARK_MASTER_URL";
    /** Names the embedded cluster's master to the driver and conformance JVMs this JVM starts. */
    static final String MASTER_PROPERTY = "streampatterns.spark.master";
    /** Each executor's heap: Spark refuses less than 450 MiB; 768 MiB holds a bronze batch of 10,000 events. */
    static final String EXECUTOR_MEMORY = "768m";
    private static final Duration EXECUTORS_TIMEOUT = Duration.ofSeconds(90);
    private static final Logger LOG = LoggerFactory.getLogger(SparkBackend.class);

    enum Kind { LOCAL, EMBEDDED, EXTERNAL }

    private static SparkBackend thisJvm;
    private static StandaloneCluster embedded;

    private final Kind kind;
    private final String masterUrl;

    private SparkBackend(Kind kind, String masterUrl) {
        this.kind = kind;
        this.masterUrl = masterUrl;
    }

    /** This JVM's backend; the first call on {@code SPARK_CLUSTER=standalone} starts the cluster. */
    public static synchronized SparkBackend ofThisJvm() {
        if (thisJvm == null) {
            SparkBackend chosen = choose(System.getenv(), System.getProperty(MASTER_PROPERTY));
            if (chosen.kind == Kind.EMBEDDED && chosen.masterUrl == null) {
                embedded = StandaloneCluster.start(StandaloneCluster.Spec.DEFAULT);
                // After Spark's own hook has stopped this JVM's SparkContext (priority 50), not beside it.
                ShutdownHookManager.addShutdownHook(10, () -> {
                    embedded.close();
                    return BoxedUnit.UNIT;
                });
                chosen = new SparkBackend(Kind.EMBEDDED, embedded.masterUrl());
            }
            thisJvm = chosen;
        }
        return thisJvm;
    }

    /**
     * The backend the environment asks for; an embedded cluster a parent JVM started comes as
     * {@code inheritedMaster}. Refuses an unknown {@code SPARK_CLUSTER} or a master URL that is not
     * {@code spark://}, naming the variable.
     */
    static SparkBackend choose(Map<String, String> environment, String inheritedMaster) {
        if (inheritedMaster != null && !inheritedMaster.isBlank()) {
            return new SparkBackend(Kind.EMBEDDED, inheritedMaster);
        }
        EnvironmentSettings env = new EnvironmentSettings(environment);
        Optional<String> master = env.text(MASTER_VARIABLE);
        if (master.isPresent()) {
            if (!master.get().matches("spark://[^/:]+:\\d+")) {
                throw new IllegalArgumentException(MASTER_VARIABLE + ": expected a standalone master's URL, "
                        + "spark://host:port, got '" + master.get() + "'");
            }
            return new SparkBackend(Kind.EXTERNAL, master.get());
        }
        String cluster = env.text(CLUSTER_VARIABLE).orElse("local");
        return switch (cluster) {
            case "local" -> new SparkBackend(Kind.LOCAL, null);
            case "standalone" -> new SparkBackend(Kind.EMBEDDED, null);
            default -> throw new IllegalArgumentException(CLUSTER_VARIABLE + ": expected local or standalone, got '"
                    + cluster + "'");
        };
    }

    public boolean isCluster() {
        return kind != Kind.LOCAL;
    }

    /** The cluster this JVM started and can kill nodes of; empty on another backend or in a child JVM. */
    public Optional<StandaloneCluster> embeddedCluster() {
        return kind == Kind.EMBEDDED ? Optional.ofNullable(embedded) : Optional.empty();
    }

    /** The flags that make a child JVM's sessions join this backend too. */
    public List<String> asJvmFlags() {
        return kind == Kind.EMBEDDED ? List.of("-D" + MASTER_PROPERTY + "=" + masterUrl) : List.of();
    }

    /** The master URL a session of {@code parallelism} connects to. */
    public String master(SparkParallelism parallelism) {
        return isCluster() ? masterUrl : parallelism.localMaster();
    }

    /** Sets the master and, on a cluster, the executors and the jars each application ships. */
    public SparkSession.Builder configure(SparkSession.Builder builder, SparkParallelism parallelism) {
        builder.master(master(parallelism));
        if (isCluster()) {
            builder.config("spark.cores.max", String.valueOf(parallelism.taskSlots()))
                    .config("spark.executor.cores", "1")
                    .config("spark.executor.memory", EXECUTOR_MEMORY)
                    .config("spark.executor.extraJavaOptions", "-XX:+UseSerialGC")
                    .config("spark.jars", jarsToShip().stream().map(Path::toString).collect(Collectors.joining(",")));
        }
        return builder;
    }

    /** The application's own jars, and on a cluster the harness did not start, the connectors too. */
    private List<Path> jarsToShip() {
        SparkClasspath classpath = SparkClasspath.ofThisJvm();
        List<Path> jars = new ArrayList<>(classpath.applicationJars(packFolder()));
        if (kind == Kind.EXTERNAL) {
            jars.addAll(classpath.connectors());
        }
        return jars;
    }

    private static Path packFolder() {
        try {
            Path dir = Files.createTempDirectory("spark-app-jars-");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the application's jars", e);
        }
    }

    /**
     * Waits until the session holds one executor per task slot. A cluster without room for them (too
     * few free cores, too little memory) fails here, naming the master and what it gave, rather than
     * leaving a query to wait for slots that never come.
     */
    public void awaitExecutors(SparkSession session, SparkParallelism parallelism) {
        if (!isCluster()) {
            return;
        }
        Instant deadline = Instant.now().plus(EXECUTORS_TIMEOUT);
        int executors;
        while ((executors = executors(session)) < parallelism.taskSlots()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the cluster at " + masterUrl + " gave this application " + executors
                        + " of the " + parallelism.taskSlots() + " executors it asked for (1 core, " + EXECUTOR_MEMORY
                        + " each) within " + EXECUTORS_TIMEOUT.toSeconds() + " s: are its workers up, with free cores and memory?");
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        LOG.info("{} executors of application {} registered with {} {} ms after its SparkContext started", executors,
                session.sparkContext().applicationId(), masterUrl, System.currentTimeMillis() - session.sparkContext().startTime());
    }

    /** Executors registered with the session's driver (the driver itself is listed too, and not counted). */
    static int executors(SparkSession session) {
        return session.sparkContext().statusTracker().getExecutorInfos().length - 1;
    }

    /** For progress lines: {@code local[2]} or {@code standalone spark://127.0.0.1:7077}. */
    public String describe(SparkParallelism parallelism) {
        return switch (kind) {
            case LOCAL -> parallelism.localMaster();
            case EMBEDDED -> "standalone cluster " + masterUrl + " (started by the kit)";
            case EXTERNAL -> "standalone cluster " + masterUrl;
        };
    }
}
