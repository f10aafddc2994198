package io.streampatterns.harness.patterns.secured;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streampatterns.core.Checkpoint;
import io.streampatterns.core.RunningPipeline;
import io.streampatterns.core.TriggerPolicy;
import io.streampatterns.core.kafka.SaslSslSecurity;
import io.streampatterns.core.secrets.SecretProvider;
import io.streampatterns.harness.data.Event;
import io.streampatterns.harness.data.EventGenerator;
import io.streampatterns.harness.delta.DeltaWorkspace;
import io.streampatterns.harness.junit.KafkaClusterConfig;
import io.streampatterns.harness.kafka.KafkaCluster;
import io.streampatterns.harness.kafka.SaslSslListener;
import io.streampatterns.harness.kafka.TopicReader;
import io.streampatterns.harness.spark.LocalSpark;
import io.streampatterns.patterns.secured.KafkaAuthenticationException;
import io.streampatterns.patterns.secured.SecuredKafkaPipeline;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.runtime.StreamingQueryWrapper;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secured pattern against a broker with a SASL_SSL listener: records arrive, wrong
 * credentials fail the start, and the password shows up nowhere a person or a log shipper reads.
 *
 * <p>The broker's users have distinctive passwords, so that finding one in a log line, a progress
 * report, a plan or a message can only mean a leak. Test data goes in and comes out over the
 * harness's PLAINTEXT listener; only the pipeline under test authenticates.
 */
@KafkaClusterConfig(brokers = 1, saslSslUsers = {
        SecuredKafkaPipelineIT.USER + "=" + SecuredKafkaPipelineIT.PASSWORD,
        SecuredKafkaPipelineIT.SCRAM_USER + "=" + SecuredKafkaPipelineIT.SCRAM_PASSWORD})
class SecuredKafkaPipelineIT {
    static final String USER = "pipeline";
    /** The distinctive part of {@link #PASSWORD}, searched for in every form it could leak in (raw or escaped). */
    static final String PASSWORD_MARK = "Kq7Zr-pipeline-password-X3wm";
    /** A quote and a backslash too: they must survive the JAAS string on the way to the broker. */
    static final String PASSWORD = PASSWORD_MARK + "\"q\\z";
    static final String SCRAM_USER = "scram-pipeline";
    static final String SCRAM_PASSWORD = "Vb2Nh-scram-password-P8tq";
    static final String WRONG_PASSWORD = "Jd5Ws-wrong-password-L1ok";

    /**
     * How fast a refused login must fail the start. The broker refuses in one round trip after the
     * TLS handshake (well under a second when measured); 10 s leaves room for a loaded 2-core
     * machine and is below the check's 15 s login timeout, so passing means the broker's refusal
     * ended the start, not a timeout (and not Spark's own failure, which comes after start()).
     */
    static final Duration FAIL_FAST_BOUND = Duration.ofSeconds(10);

    private static final SparkSession SPARK = LocalSpark.session();
    private static final EventGenerator EVENTS = new EventGenerator(7);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static DeltaWorkspace workspace;

    @BeforeAll
    static void createWorkspace() {
        workspace = DeltaWorkspace.create();
    }

    @AfterAll
    static void deleteWorkspace() {
        workspace.close();
    }

    /**
     * Purpose: the pattern's promise on a secured broker, and the leak test: every event
     * passes through with its fields, while the password appears in no log line, progress report,
     * plan or printed object.
     *
     * <p>How: 2,000 events into a 2-partition topic; the pipeline logs in with SASL/PLAIN over TLS,
     * its user name, password and truststore read from a folder of secret files (mode 600); log4j
     * records every line at INFO, and at DEBUG for Kafka's clients and Spark's Kafka connector,
     * meanwhile. After the run the output topic is read back over PLAINTEXT.
     *
     * <p>Pass: 2,000 records, seqs 0 to 1,999 each once, each one's key and fields those of the
     * event sent; the password (in any form) in none of: the captured log lines, the broker's log,
     * any progress JSON, {@code query.explain(true)}, the last execution's plans, the query's
     * status, and the pipeline's and its security's toString. The capture did see the lines where
     * Kafka and Spark print the JAAS setting (masked), so the search looked where a leak would be.
     */
    @Test
    void passesEveryEventThroughAndLeaksThePasswordNowhere(KafkaCluster cluster, @TempDir Path secretsDir)
            throws Exception {
        // 1. Topics, events, and the secrets as files only their owner may read.
        String in = "plain_in";
        String out = "plain_out";
        cluster.createTopic(in, 2);
        cluster.createTopic(out, 2);
        try (KafkaProducer<String, String> producer = cluster.newProducer(Map.of())) {
            EVENTS.publish(producer, in, 0, 2_000);
        }
        SaslSslListener listener = cluster.saslSslListener();
        writeSecrets(secretsDir, listener, USER, PASSWORD);
        SaslSslSecurity security = SaslSslSecurity.builder(SecretProvider.directory(secretsDir))
                .truststore("truststore.location", "truststore.password").build();
        SecuredKafkaPipeline pattern = pipeline(listener, in, out, security).build();

        // 2. Run it while every log line is recorded.
        List<String> observed = new ArrayList<>();
        List<String> logLines;
        try (LogCapture capture = LogCapture.start()) {
            try (RunningPipeline running = pattern.pipeline().start(SPARK)) {
                running.processAllAvailable();
                StreamingQuery query = running.query();
                observed.add(printedBy(() -> query.explain(true)));
                observed.add(((StreamingQueryWrapper) query).streamingQuery().lastExecution().toString());
                observed.add(query.status().json());
                observed.add(query.toString());
                running.progressHistory().forEach(p -> observed.add(p.json()));
                observed.add(query.lastProgress().json());
                assertThat(running.progressHistory().stream().mapToLong(StreamingQueryProgress::numInputRows).sum())
                        .isEqualTo(2_000);
            }
            logLines = capture.lines();
        }
        observed.add(pattern.pipeline().toString());
        observed.add(pattern.security().toString());
        observed.add(Files.readString(cluster.logFile(1)));

        // 3. Every event arrived once, as sent.
        List<ConsumerRecord<byte[], byte[]>> records = TopicReader.readAll(cluster, out);
        assertThat(records).hasSize(2_000);
        List<Long> seqs = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            JsonNode value = JSON.readTree(record.value());
            Event sent = EVENTS.event(value.get("seq").asLong());
            seqs.add(sent.seq());
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(sent.userId());
            assertThat(value.get("event_id").asText()).isEqualTo(sent.eventId());
            assertThat(value.get("user_id").asText()).isEqualTo(sent.userId());
            assertThat(value.get("event_type").asText()).isEqualTo(sent.eventType());
            assertThat(value.get("amount").asDouble()).isEqualTo(sent.amount());
            assertThat(java.time.Instant.parse(value.get("event_time").asText())).isEqualTo(sent.eventTime());
        }
        assertThat(seqs).containsExactlyInAnyOrderElementsOf(LongStream.range(0, 2_000).boxed().toList());

        // 4. The password is nowhere, and the search covered the lines that handle it.
        assertThat(logLines).as("captured log lines").hasSizeGreaterThan(100)
                .noneMatch(line -> line.contains(PASSWORD_MARK))
                .noneMatch(line -> line.contains(listener.truststorePassword()))
                .anyMatch(line -> line.contains("sasl.jaas.config = [hidden]"))
                .anyMatch(line -> line.contains("password=\"*********(redacted)\""));
        assertThat(observed).allSatisfy(text -> assertThat(text).doesNotContain(PASSWORD_MARK));
    }

    /**
     * Purpose: a wrong password fails the start itself, fast, with an authentication error that
     * names the user and the listener and never the password.
     *
     * <p>How: the pipeline's secrets come from environment variables (a map standing in for the
     * process environment) holding the right user and a wrong password; {@code start()} runs under
     * a preemptive timeout of {@link #FAIL_FAST_BOUND}, with log4j recording every line.
     *
     * <p>Pass: {@link KafkaAuthenticationException} within the bound, naming user, bootstrap
     * servers, mechanism and the secrets to check, with Kafka's {@link SaslAuthenticationException}
     * as the cause; no query started, no offsets in the checkpoint; neither the wrong nor the right
     * password in the exception's message, its stack trace (with causes) or any log line.
     */
    @Test
    void aWrongPasswordFailsTheStartFastNamingTheUserButNotThePassword(KafkaCluster cluster) {
        // 1. The right user with a wrong password.
        SaslSslListener listener = cluster.saslSslListener();
        String in = "wrong_in";
        cluster.createTopic(in, 1);
        SecuredKafkaPipeline pattern = pipeline(listener, in, "wrong_out",
                SaslSslSecurity.builder(environment(listener, USER, WRONG_PASSWORD))
                        .truststore("truststore.location", "truststore.password").build()).build();

        // 2. Start, bounded.
        KafkaAuthenticationException refused;
        List<String> logLines;
        long startedAt = System.nanoTime();
        try (LogCapture capture = LogCapture.start()) {
            refused = assertTimeoutPreemptively(FAIL_FAST_BOUND, () -> assertThrows(
                    KafkaAuthenticationException.class, () -> pattern.pipeline().start(SPARK)));
            logLines = capture.lines();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - startedAt);

        // 3. A clear authentication error, and nothing started.
        assertThat(refused.username()).isEqualTo(USER);
        assertThat(refused.bootstrapServers()).isEqualTo(listener.bootstrapServers());
        assertThat(refused.mechanism()).isEqualTo("PLAIN");
        assertThat(refused).hasMessage("Kafka refused user '" + USER + "' at the SASL_SSL listener at "
                + listener.bootstrapServers() + " (SASL mechanism PLAIN): Authentication failed: Invalid username"
                + " or password. Check the secrets 'username' and 'password' of environment variables KAFKA_*."
                + " No query was started.")
                .hasCauseInstanceOf(SaslAuthenticationException.class);
        assertThat(SPARK.streams().active()).noneMatch(q -> pattern.pipeline().name().equals(q.name()));
        assertThat(Checkpoint.at(pattern.pipeline().checkpointLocation(),
                SPARK.sparkContext().hadoopConfiguration()).latestPlannedBatch()).isEmpty();
        System.out.printf("secured: wrong password refused in %d ms%n", took.toMillis());

        // 4. No password anywhere.
        assertThat(stackTrace(refused)).doesNotContain(WRONG_PASSWORD).doesNotContain(PASSWORD_MARK);
        assertThat(logLines).noneMatch(line -> line.contains(WRONG_PASSWORD) || line.contains(PASSWORD_MARK));
    }

    /**
     * Purpose: a broker whose certificate the client cannot verify is refused before any password is
     * sent, and said so plainly.
     *
     * <p>How: the right credentials but no truststore, so the JVM's default CAs must verify the
     * brokers' self-signed certificate.
     *
     * <p>Pass: {@link KafkaAuthenticationException} within {@link #FAIL_FAST_BOUND} saying the TLS
     * handshake failed and why ("unable to find valid certification path"), pointing at the
     * truststore.
     */
    @Test
    void anUntrustedBrokerCertificateFailsTheStartBeforeAnyLogin(KafkaCluster cluster) {
        // 1. No truststore.
        SaslSslListener listener = cluster.saslSslListener();
        SecuredKafkaPipeline pattern = pipeline(listener, "tls_in", "tls_out",
                SaslSslSecurity.builder(environment(listener, USER, PASSWORD)).build()).build();
        cluster.createTopic("tls_in", 1);

        // 2. Start, bounded, and read the error.
        KafkaAuthenticationException refused = assertTimeoutPreemptively(FAIL_FAST_BOUND, () -> assertThrows(
                KafkaAuthenticationException.class, () -> pattern.pipeline().start(SPARK)));
        assertThat(refused.getMessage())
                .startsWith("the TLS handshake with the SASL_SSL listener at " + listener.bootstrapServers())
                .contains("before user '" + USER + "' could log in")
                .contains("unable to find valid certification path")
                .contains("Check that the truststore (the JVM's default) holds the certificate authority")
                .doesNotContain(PASSWORD_MARK);
    }

    /**
     * Purpose: what Spark 4.2 does by itself with a wrong password (the login check turned off),
     * which is why the pattern checks first; and that Spark's own error does not leak it either.
     *
     * <p>How: start the pipeline with a wrong password and no login check, then await the query.
     *
     * <p>Pass: {@code start()} returns a running query (no error); the query then fails by itself
     * with a {@link StreamingQueryException} whose root cause is {@link SaslAuthenticationException}
     * (no hang: it ends within 60 s, Kafka's default API timeout); neither its message nor its
     * stack trace nor any log line holds the password.
     */
    @Test
    void withoutTheCheckSparkStartsAndFailsLaterWithoutLeakingThePassword(KafkaCluster cluster) throws Exception {
        // 1. Wrong password, check off.
        SaslSslListener listener = cluster.saslSslListener();
        String in = "nocheck_in";
        cluster.createTopic(in, 1);
        SecuredKafkaPipeline pattern = pipeline(listener, in, "nocheck_out",
                SaslSslSecurity.builder(environment(listener, USER, WRONG_PASSWORD))
                        .truststore("truststore.location", "truststore.password").build())
                .loginCheck(false).build();

        // 2. start() succeeds; the query fails on its own thread.
        List<String> logLines;
        Throwable failure;
        long startedAt = System.nanoTime();
        long failedAt;
        try (LogCapture capture = LogCapture.start();
             RunningPipeline running = pattern.pipeline().start(SPARK)) {
            long returnedAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(60)).until(() -> !running.isActive());
            failedAt = System.nanoTime();
            failure = catchThrowable(() -> running.query().awaitTermination());
            logLines = capture.lines();
            System.out.printf("secured: without the check, start() returned after %d ms, the query failed %d ms"
                    + " later%n", (returnedAt - startedAt) / 1_000_000, (failedAt - returnedAt) / 1_000_000);
        }

        // 3. Spark's own error: authentication, without the password.
        assertThat(failure).isInstanceOf(StreamingQueryException.class)
                .hasRootCauseInstanceOf(SaslAuthenticationException.class)
                .hasMessageContaining("Authentication failed: Invalid username or password");
        assertThat(stackTrace(failure)).doesNotContain(WRONG_PASSWORD).doesNotContain(PASSWORD_MARK);
        assertThat(logLines).isNotEmpty().noneMatch(line -> line.contains(WRONG_PASSWORD));
    }

    /**
     * Purpose: SCRAM works the same, and a restart resumes from the checkpoint (at least once).
     *
     * <p>How: a second user logs in with SCRAM-SHA-512; 300 events are passed through, the query
     * stops, 200 more are produced, and a new run on the same checkpoint passes them on.
     *
     * <p>Pass: after the first run seqs 0 to 299; after the second, seqs 0 to 499, each at least
     * once (once here, as nothing crashed).
     */
    @Test
    void scramLoginResumesFromTheCheckpoint(KafkaCluster cluster, @TempDir Path secretsDir) throws Exception {
        // 1. SCRAM credentials from files.
        String in = "scram_in";
        String out = "scram_out";
        cluster.createTopic(in, 2);
        cluster.createTopic(out, 2);
        SaslSslListener listener = cluster.saslSslListener();
        writeSecrets(secretsDir, listener, SCRAM_USER, SCRAM_PASSWORD);
        SecuredKafkaPipeline pattern = pipeline(listener, in, out,
                SaslSslSecurity.builder(SecretProvider.directory(secretsDir))
                        .mechanism(SaslSslSecurity.Mechanism.SCRAM_SHA_512)
                        .truststore("truststore.location", "truststore.password").build()).build();

        try (KafkaProducer<String, String> producer = cluster.newProducer(Map.of())) {
            // 2. First run.
            EVENTS.publish(producer, in, 0, 300);
            try (RunningPipeline running = pattern.pipeline().start(SPARK)) {
                running.processAllAvailable();
            }
            assertThat(seqsIn(cluster, out)).containsExactlyElementsOf(LongStream.range(0, 300).boxed().toList());

            // 3. More while stopped, then resume.
            EVENTS.publish(producer, in, 300, 200);
            try (RunningPipeline running = pattern.pipeline().start(SPARK)) {
                running.processAllAvailable();
            }
        }
        assertThat(seqsIn(cluster, out)).containsExactlyElementsOf(LongStream.range(0, 500).boxed().toList());
    }

    private static SecuredKafkaPipeline.Builder pipeline(SaslSslListener listener, String in, String out,
            SaslSslSecurity security) {
        return SecuredKafkaPipeline.builder()
                .bootstrapServers(listener.bootstrapServers())
                .topic(in).outputTopic(out)
                .eventSchema(EventGenerator.SCHEMA)
                .security(security)
                .checkpointLocation(workspace.checkpointPath(in))
                .trigger(TriggerPolicy.processingTime(Duration.ZERO));
    }

    /** The secrets as one file each, readable by their owner only, as a mounted secret volume would hold them. */
    private static void writeSecrets(Path dir, SaslSslListener listener, String user, String password) throws Exception {
        Map<String, String> secrets = Map.of("username", user, "password", password,
                "truststore.location", listener.truststore().toString(),
                "truststore.password", listener.truststorePassword());
        for (Map.Entry<String, String> secret : secrets.entrySet()) {
            Path file = dir.resolve(secret.getKey());
            Files.writeString(file, secret.getValue() + "\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** Environment-variable secrets, over a map standing in for the process's environment. */
    private static SecretProvider environment(SaslSslListener listener, String user, String password) {
        return SecretProvider.environment("KAFKA_", Map.of(
                "KAFKA_USERNAME", user, "KAFKA_PASSWORD", password,
                "KAFKA_TRUSTSTORE_LOCATION", listener.truststore().toString(),
                "KAFKA_TRUSTSTORE_PASSWORD", listener.truststorePassword()));
    }

    private static List<Long> seqsIn(KafkaCluster cluster, String topic) throws Exception {
        List<Long> seqs = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : TopicReader.readAll(cluster, topic)) {
            seqs.add(JSON.readTree(record.value()).get("seq").asLong());
        }
        seqs.sort(Long::compare);
        return seqs;
    }

    /** What {@code action} prints to standard output (where {@code explain} writes). */
    private static String printedBy(Runnable action) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("== Physical Plan ==");
        return printed;
    }

    private static String stackTrace(Throwable t) {
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }
}
