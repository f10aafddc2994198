package io.streampatterns.chaos;

import io.streampatterns.chaos.report.HtmlChaosReport;
import io.streampatterns.chaos.report.JsonChaosReport;
import io.streampatterns.chaos.report.MarkdownChaosReport;
import io.streampatterns.chaos.scenario.ChaosScenario;
import io.streampatterns.chaos.scenario.ChaosScenarios;
import io.streampatterns.chaos.scenario.ScenarioPlan;
import io.streampatterns.harness.conformance.ConformanceEnvironment;
import io.streampatterns.harness.conformance.PipelineUnderTest;
import io.streampatterns.harness.conformance.fixtures.PatternSuites;
import io.streampatterns.harness.data.EventGenerator;
import io.streampatterns.harness.delta.DeltaWorkspace;
import io.streampatterns.harness.conformance.fixtures.SecuredFixture;
import io.streampatterns.harness.kafka.ClusterSpec;
import io.streampatterns.harness.kafka.ExternalKafka;
import io.streampatterns.harness.kafka.KafkaCluster;
import io.streampatterns.harness.kafka.SaslSslListener;
import io.streampatterns.harness.settings.EnvironmentSettings;
import io.streampatterns.harness.spark.LocalSpark;
import io.streampatterns.harness.spark.SparkBackend;
import io.streampatterns.harness.spark.SparkParallelism;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code make chaos}: every scenario against every chosen pattern on a real 3-node KRaft cluster
 * (replication factor 3, min.insync.replicas 2, acks=all), a progress line per scenario, and the
 * reports in {@code target/chaos/} ({@code report.md}, {@code report.html} with a timeline chart per
 * scenario, {@code report.json}; every driver's and broker's log under {@code logs/}).
 *
 * <p>Exits 1 when anything acknowledged was lost, anything was written twice into an exactly-once
 * (Delta) sink, or a scenario could not complete; 2 when the run could not start.
 *
 * <p>Environment: {@code CHAOS_SEED} (repeats a run's plan; default random, printed),
 * {@code CHAOS_PATTERNS} (default bronze,enrichment), {@code CHAOS_SCENARIOS} (default all;
 * comma-separated names, {@code smoke} included), {@code CHAOS_RATE} (records/s, default
 * {@value ChaosSettings#DEFAULT_RATE}).
 */
public final class ChaosMain {
    static final Path OUTPUT = Path.of("target", "chaos");
    static final List<String> DEFAULT_PATTERNS = List.of("bronze", "enrichment");
    private static final String SECURED = "secured";

    private ChaosMain() {
    }

    public static void main(String[] args) {
        System.exit(run(System.getenv(), System.out));
    }

    static int run(Map<String, String> environment, PrintStream out) {
        Instant started = Instant.now();
        ChaosSettings settings;
        List<String> patterns;
        List<ChaosScenario> scenarios;
        try {
            settings = ChaosSettings.fromEnvironment(environment);
            EnvironmentSettings env = new EnvironmentSettings(environment);
            patterns = env.names("CHAOS_PATTERNS", DEFAULT_PATTERNS);
            scenarios = scenarios(env);
        } catch (IllegalArgumentException e) {
            out.println("Chaos could not start: " + e.getMessage());
            return 2;
        }
        out.printf(Locale.ROOT, "Chaos: %d patterns × %d scenarios, seed %d (repeat with CHAOS_SEED=%d), %d records/s%n",
                patterns.size(), scenarios.size(), settings.seed(), settings.seed(), settings.rate());
        Map<String, Optional<PipelineUnderTest>> fixtures = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (String name : patterns) {
            try {
                fixtures.put(name, Optional.of(PatternSuites.fixture(name)));
            } catch (IllegalArgumentException e) {
                fixtures.put(name, Optional.empty());
                notes.add("Pattern '" + name + "' has no fixture in PatternSuites yet (" + e.getMessage()
                        + "): its scenarios are SKIPPED.");
            }
        }
        if (!settings.pipelineKafkaOptions().isEmpty()) {
            notes.add("The patterns ran with extra Kafka client properties (CHAOS_KAFKA_OPTIONS): "
                    + settings.pipelineKafkaOptions() + ".");
        }
        notes.forEach(out::println);
        KafkaCluster cluster;
        try {
            out.println("Starting a 3-node Kafka cluster (RF 3, min ISR 2) ...");
            ClusterSpec spec = ClusterSpec.of(3);
            if (patterns.contains(SECURED)) {
                // The secured pattern logs in: the cluster gets a SASL_SSL listener with the fixture's user.
                spec = spec.withSaslSslUser(SecuredFixture.USER, SecuredFixture.PASSWORD);
            }
            cluster = KafkaCluster.start(spec);
        } catch (RuntimeException e) {
            out.println("Chaos could not start: " + e.getMessage());
            return 2;
        }
        try (cluster; DeltaWorkspace workspace = DeltaWorkspace.create()) {
            String kafka = "embedded: 3 KRaft brokers at " + cluster.bootstrapServers();
            out.println("Kafka: " + kafka);
            out.println("Starting Spark (" + SparkBackend.ofThisJvm().describe(SparkParallelism.DEFAULT) + ") ...");
            String runId = "ch" + Long.toString(System.currentTimeMillis() / 1000, 36);
            ConformanceEnvironment env = new ConformanceEnvironment(cluster, LocalSpark.session(), workspace,
                    new EventGenerator(settings.seed()), runId);
            ChaosRunner runner = new ChaosRunner(cluster, env, settings, out, OUTPUT.resolve("logs"));
            ChaosRunner securedRunner = patterns.contains(SECURED)
                    ? new ChaosRunner(cluster, overSaslSsl(cluster, env, runId + "s"), settings, out, OUTPUT.resolve("logs")) : runner;
            List<ScenarioResult> results = new ArrayList<>();
            int total = fixtures.size() * scenarios.size();
            for (Map.Entry<String, Optional<PipelineUnderTest>> fixture : fixtures.entrySet()) {
                for (ChaosScenario scenario : scenarios) {
                    ScenarioPlan plan = ScenarioPlan.of(scenario, settings.seed());
                    out.printf(Locale.ROOT, "[%2d/%d] %-11s %-23s %s%n", results.size() + 1, total, fixture.getKey(),
                            scenario.name(), String.join("; ", plan.steps().stream().map(Object::toString).toList()));
                    ChaosRunner chosen = fixture.getKey().equals(SECURED) ? securedRunner : runner;
                    ScenarioResult result = fixture.getValue().map(f -> chosen.run(f, scenario))
                            .orElseGet(() -> ScenarioResult.skipped(fixture.getKey(), plan, "no fixture named '"
                                    + fixture.getKey() + "' in PatternSuites"));
                    results.add(result);
                    out.printf(Locale.ROOT, "        %-7s %s  %.1f s%s%n", result.status(), result.keyFigures(),
                            result.took().toMillis() / 1000.0,
                            result.status() == ScenarioResult.Status.PASS ? "" : "\n        " + result.message());
                    out.flush();
                }
            }
            ChaosReport report = new ChaosReport(kafka, settings, started, Duration.between(started, Instant.now()),
                    results, notes);
            write(report);
            keepBrokerLogs(cluster);
            out.println(report.summary());
            out.println("Reports: " + OUTPUT.resolve("report.md") + ", report.html, report.json (logs in "
                    + OUTPUT.resolve("logs") + "); repeat with " + report.repeatCommand());
            return report.passed() ? 0 : 1;
        } catch (Exception e) {
            out.println("Chaos run failed: " + e);
            e.printStackTrace(out);
            return 2;
        }
    }

    /**
     * The same Spark, workspace and events, with every client of a run (the pipeline's, the producer's,
     * the readers') on the cluster's SASL_SSL listener; the faults still strike the cluster's nodes.
     */
    private static ConformanceEnvironment overSaslSsl(KafkaCluster cluster, ConformanceEnvironment env, String runId) {
        SaslSslListener listener = cluster.saslSslListener();
        ExternalKafka secured = new ExternalKafka(listener.bootstrapServers(),
                listener.clientProperties(SecuredFixture.USER, SaslSslListener.MECHANISMS.get(0)));
        return new ConformanceEnvironment(secured, env.spark(), env.workspace(), env.events(), runId);
    }

    static void write(ChaosReport report) throws IOException {
        Files.createDirectories(OUTPUT);
        Files.writeString(OUTPUT.resolve("report.md"), MarkdownChaosReport.render(report));
        Files.writeString(OUTPUT.resolve("report.html"), HtmlChaosReport.render(report));
        Files.writeString(OUTPUT.resolve("report.json"), JsonChaosReport.render(report));
    }

    /** Copies every broker's log (warnings, start-ups) next to the reports, before the cluster's folder goes. */
    private static void keepBrokerLogs(KafkaCluster cluster) throws IOException {
        Path dir = Files.createDirectories(OUTPUT.resolve("logs"));
        for (int node : cluster.nodeIds()) {
            if (Files.exists(cluster.logFile(node))) {
                Files.copy(cluster.logFile(node), dir.resolve("broker-" + node + ".log"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** All scenarios, or those {@code CHAOS_SCENARIOS} names, in its order. */
    static List<ChaosScenario> scenarios(EnvironmentSettings env) {
        List<String> known = new ArrayList<>(ChaosScenarios.all().stream().map(ChaosScenario::name).toList());
        known.add(ChaosScenarios.smoke().name());
        List<String> chosen = env.subset("CHAOS_SCENARIOS", known);
        return chosen.isEmpty() ? ChaosScenarios.all() : chosen.stream().map(ChaosScenarios::named).toList();
    }
}
