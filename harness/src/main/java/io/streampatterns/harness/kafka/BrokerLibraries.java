package io.streampatterns.harness.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the folder of broker jars that the {@code kafka-broker} module resolves into
 * {@code kafka-broker/target/libs}, or, outside this repository, unpacks them from the
 * {@code streampatterns-kafka-broker} jar on the classpath (a dependency of the kit).
 *
 * <p>Why a folder and not the test classpath: the broker runs in its own JVM with
 * {@code -cp 'libs/*'}, so its kafka-clients 4.x never meets the kafka-clients 3.9.2 that Spark brings
 * to the harness.
 */
public final class BrokerLibraries {

    /** System property that Surefire and Failsafe set to the jar folder (see the root POM). */
    public static final String PROPERTY = "kafka.broker.libs";

    /** Where the folder sits relative to the project root. */
    static final Path RELATIVE_LOCATION = Paths.get("kafka-broker", "target", "libs");

    /** Where the {@code streampatterns-kafka-broker} jar holds the same jars. */
    static final String RESOURCE_FOLDER = "io/streampatterns/kafkabroker/libs/";

    private BrokerLibraries() {
    }

    /**
     * Locates the jar folder from the {@value #PROPERTY} system property, else from the
     * {@code streampatterns-kafka-broker} classes on the classpath (a folder in this reactor, a jar
     * elsewhere, unpacked once into the temporary folder), else by searching upward from the working
     * directory for {@code kafka-broker/target/libs}.
     *
     * @return the absolute folder holding the broker's jars
     * @throws KafkaClusterException if no folder with the broker jars is found; the message says how
     *     to build it
     */
    public static Path locate() {
        String property = System.getProperty(PROPERTY);
        Path workingDirectory = Paths.get(System.getProperty("user.dir"));
        if (property == null || property.isBlank()) {
            Optional<Path> onClasspath = BrokerJarUnpacker.fromClasspath(BrokerLibraries.class.getClassLoader(),
                    Paths.get(System.getProperty("java.io.tmpdir")));
            if (onClasspath.isPresent()) {
                return onClasspath.get();
            }
        }
        return locate(property, workingDirectory);
    }

    /**
     * The testable core of {@link #locate()}.
     *
     * @param propertyValue value of {@value #PROPERTY}, or {@code null}/blank when unset
     * @param workingDirectory where the upward search starts
     * @return the absolute folder holding the broker's jars
     * @throws KafkaClusterException if no folder with the broker jars is found
     */
    static Path locate(String propertyValue, Path workingDirectory) {
        if (propertyValue != null && !propertyValue.isBlank()) {
            Path configured = Paths.get(propertyValue).toAbsolutePath().normalize();
            if (holdsBroker(configured)) {
                return configured;
            }
            throw new KafkaClusterException("System property " + PROPERTY + " points to " + configured
                    + ", which holds no Kafka broker jars (kafka_*.jar). " + HOW_TO_BUILD);
        }
        return searchUpward(workingDirectory).orElseThrow(() -> new KafkaClusterException(
                "Kafka broker jars not found: system property " + PROPERTY + " is not set, no "
                + RELATIVE_LOCATION + " with kafka_*.jar exists in " + workingDirectory.toAbsolutePath().normalize()
                + " or any parent folder, and no streampatterns-kafka-broker jar is on the classpath. "
                + HOW_TO_BUILD));
    }

    private static Optional<Path> searchUpward(Path workingDirectory) {
        for (Path dir = workingDirectory.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE_LOCATION);
            if (holdsBroker(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static final String HOW_TO_BUILD = "Outside this repository, depend on "
            + "io.streampatterns:streampatterns-conformance-kit, which brings the broker's jars; inside it, "
            + "build them from the project root with `make build` (or `mvn install -DskipTests`), which "
            + "copies them into kafka-broker/target/libs.";

    /** True when the folder exists and contains the broker's main jar. */
    static boolean holdsBroker(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .anyMatch(name -> name.startsWith("kafka_") && name.endsWith(".jar"));
        } catch (IOException e) {
            return false;
        }
    }
}
