package io.streampatterns.harness.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * A cluster that cannot start must say why (with the broker's own log) and leave nothing behind.
 */
class KafkaClusterStartFailureIT {

    private static final Pattern CLUSTER_FOLDER = Pattern.compile("(/\\S*streampatterns-kafka-[^/\\s]+)/node-1/");

    /**
     * Purpose: a broker that dies during start-up is reported at once, with the reason from its log.
     * How: start a 1-node cluster whose broker names an authorizer class that does not exist (storage
     * formatting accepts it; the broker exits when it tries to load it).
     * Pass: a {@link KafkaClusterException} that names the exit code and quotes the log tail, which
     * mentions the missing class; the cluster's folder and broker process are gone.
     */
    @Test
    void nodeThatDiesDuringStartupFailsWithItsLogTail() {
        // 1. Start a broker that cannot start
        KafkaClusterException failure = catchThrowableOfType(KafkaClusterException.class,
                () -> KafkaCluster.start(ClusterSpec.of(1)
                        .withBrokerProperty("authorizer.class.name", "io.streampatterns.NoSuchAuthorizer")));

        // 2. The message explains, with the log tail
        assertThat(failure).isNotNull();
        System.out.println(failure.getMessage());
        assertThat(failure.getMessage()).contains("exited with code", "Last 40 lines of", "NoSuchAuthorizer");

        // 3. Nothing left behind
        assertNothingLeftBehind(failure.getMessage());
    }

    /**
     * Purpose: a node that does not serve within the start timeout fails the start with its log tail.
     * How: start a 1-node cluster with a 1-second start timeout, far less than a broker needs.
     * Pass: a {@link KafkaClusterException} saying the node did not serve within 1 s and quoting the
     * log tail; the cluster's folder and broker process are gone.
     */
    @Test
    void nodeThatDoesNotServeInTimeFailsWithItsLogTail() {
        // 1. Start with an impossible timeout
        KafkaClusterException failure = catchThrowableOfType(KafkaClusterException.class,
                () -> KafkaCluster.start(ClusterSpec.of(1).withStartTimeout(Duration.ofSeconds(1))));

        // 2. The message explains, with the log tail
        assertThat(failure).isNotNull();
        System.out.println(failure.getMessage());
        assertThat(failure.getMessage()).contains("did not serve within 1 s", "Last 40 lines of",
                "==== KafkaCluster: launch #1 of node 1");

        // 3. Nothing left behind
        assertNothingLeftBehind(failure.getMessage());
    }

    private static void assertNothingLeftBehind(String message) {
        Matcher m = CLUSTER_FOLDER.matcher(message);
        assertThat(m.find()).as("message names the cluster folder: %s", message).isTrue();
        String folder = m.group(1);
        assertThat(Files.exists(Path.of(folder))).as("cluster folder %s exists", folder).isFalse();
        List<String> survivors = ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse(""))
                .filter(cmd -> cmd.contains(folder))
                .collect(Collectors.toList());
        assertThat(survivors).as("processes of the failed cluster").isEmpty();
    }
}
