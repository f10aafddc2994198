package io.streampatterns.harness.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.streampatterns.harness.junit.KafkaClusterConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The SASL_SSL client listener of a 1-node cluster: TLS with the generated certificate, PLAIN and
 * SCRAM logins, refusals, and the PLAINTEXT listener the harness keeps using.
 */
@KafkaClusterConfig(brokers = 1, saslSslUsers = {"alice=alice-Secret-1\"\\x", "bob=bob-secret-2"})
class KafkaClusterSaslSslIT {

    private final KafkaCluster cluster;

    KafkaClusterSaslSslIT(KafkaCluster cluster) {
        this.cluster = cluster;
    }

    /**
     * Purpose: a record written by the harness over PLAINTEXT can be read over SASL_SSL with each
     * mechanism the listener offers, by each user (one with a quote and a backslash in the password).
     * How: produce 3 records with the harness's producer, then read the topic with a consumer per
     * (user, mechanism) on the SASL_SSL bootstrap servers, verifying the broker's certificate.
     * Pass: every consumer reads the 3 records in order.
     */
    @Test
    void everyUserReadsWithEveryMechanismOverTls() throws Exception {
        // 1. Write over PLAINTEXT
        String topic = "sasl_roundtrip";
        cluster.createTopic(topic, 1);
        try (KafkaProducer<String, String> producer = cluster.newProducer(Map.of())) {
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i)).get();
            }
        }
        SaslSslListener listener = cluster.saslSslListener();
        assertThat(listener.users()).containsExactlyInAnyOrder("alice", "bob");
        assertThat(listener.bootstrapServers()).isNotEqualTo(cluster.bootstrapServers()).startsWith("127.0.0.1:");
        assertThat(Files.isRegularFile(listener.truststore())).isTrue();

        // 2. Read over SASL_SSL, every user with every mechanism
        for (String user : listener.users()) {
            for (String mechanism : SaslSslListener.MECHANISMS) {
                assertThat(readValues(listener, listener.clientProperties(user, mechanism), topic))
                        .as("%s with %s", user, mechanism).containsExactly("v0", "v1", "v2");
            }
        }
    }

    /**
     * Purpose: the listener refuses a wrong password, and a client that does not trust the
     * broker's certificate, promptly and with the cause named.
     * How: describe the cluster through the SASL_SSL listener with a wrong password (PLAIN and
     * SCRAM), and with the JVM's default truststore.
     * Pass: SaslAuthenticationException for the wrong passwords, SslAuthenticationException
     * ("unable to find valid certification path") without the truststore.
     */
    @Test
    void wrongPasswordsAndUntrustedCertificatesAreRefused() {
        SaslSslListener listener = cluster.saslSslListener();
        // 1. Wrong password, PLAIN and SCRAM
        for (String mechanism : List.of("PLAIN", "SCRAM-SHA-512")) {
            Map<String, String> wrong = new HashMap<>(listener.clientProperties("bob", mechanism));
            wrong.put("sasl.jaas.config", wrong.get("sasl.jaas.config").replace("bob-secret-2", "not-it"));
            assertThatThrownBy(() -> describeCluster(listener, wrong)).as(mechanism)
                    .hasRootCauseInstanceOf(SaslAuthenticationException.class);
        }
        // 2. No truststore: the self-signed certificate is not trusted
        Map<String, String> untrusted = new HashMap<>(listener.clientProperties("bob", "PLAIN"));
        untrusted.keySet().removeIf(k -> k.startsWith("ssl.truststore"));
        assertThatThrownBy(() -> describeCluster(listener, untrusted))
                .hasCauseInstanceOf(SslAuthenticationException.class)
                .hasStackTraceContaining("unable to find valid certification path");
    }

    /**
     * Purpose: the spec's passwords stay out of the strings a test prints.
     * How: format the spec and the listener.
     * Pass: user names shown, passwords absent.
     */
    @Test
    void passwordsAreNotPrinted() {
        // 1. Format and look
        assertThat(cluster.spec().toString()).contains("saslSslUsers=[alice, bob]").doesNotContain("bob-secret-2");
        assertThat(cluster.saslSslListener().toString()).contains("alice").doesNotContain("bob-secret-2")
                .doesNotContain(cluster.saslSslListener().truststorePassword());
    }

    private static void describeCluster(SaslSslListener listener, Map<String, String> security) throws Exception {
        Map<String, Object> config = new HashMap<>(security);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, listener.bootstrapServers());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        try (Admin admin = Admin.create(config)) {
            admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
        }
    }

    private List<String> readValues(SaslSslListener listener, Map<String, String> security, String topic) {
        Map<String, Object> overrides = new HashMap<>(security);
        overrides.put("bootstrap.servers", listener.bootstrapServers());
        List<String> values = new ArrayList<>();
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaConsumer<String, String> consumer = cluster.newConsumer(new StringDeserializer(),
                new StringDeserializer(), null, overrides)) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (values.size() < 3 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}
