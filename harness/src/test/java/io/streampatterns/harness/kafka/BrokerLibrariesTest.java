package io.streampatterns.harness.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks how the broker's jar folder is found, and that a missing folder explains how to build it.
 */
class BrokerLibrariesTest {

    /**
     * Purpose: the system property set by Surefire/Failsafe wins.
     * How: point the property at a folder with a broker jar.
     * Pass: that folder is returned.
     */
    @Test
    void usesTheFolderNamedByTheSystemProperty(@TempDir Path dir) throws Exception {
        // 1. A folder with a broker jar
        Path libs = Files.createDirectories(dir.resolve("libs"));
        Files.createFile(libs.resolve("kafka_2.13-4.3.1.jar"));

        // 2. Located through the property
        assertThat(BrokerLibraries.locate(libs.toString(), dir.resolve("elsewhere"))).isEqualTo(libs);
    }

    /**
     * Purpose: a property pointing at a folder without broker jars fails clearly instead of
     * starting a broker that cannot work.
     * How: point the property at an empty folder.
     * Pass: the error names the folder and says to run {@code mvn install -DskipTests}.
     */
    @Test
    void propertyPointingAtAnEmptyFolderFailsWithBuildAdvice(@TempDir Path dir) {
        // 1. Locate with an empty folder
        assertThatThrownBy(() -> BrokerLibraries.locate(dir.toString(), dir))
                // 2. The message explains
                .isInstanceOf(KafkaClusterException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("mvn install -DskipTests")
                .hasMessageContaining("make build");
    }

    /**
     * Purpose: without the property (e.g. a test run from an IDE), the folder is found by searching
     * upward from the working directory.
     * How: create {@code <root>/kafka-broker/target/libs} and start from a folder deep below root.
     * Pass: the folder under root is returned.
     */
    @Test
    void searchesUpwardFromTheWorkingDirectory(@TempDir Path root) throws Exception {
        // 1. Project layout
        Path libs = Files.createDirectories(root.resolve("kafka-broker/target/libs"));
        Files.createFile(libs.resolve("kafka_2.13-4.3.1.jar"));
        Path workingDir = Files.createDirectories(root.resolve("harness/target/test-classes"));

        // 2. Found from below
        assertThat(BrokerLibraries.locate(null, workingDir)).isEqualTo(libs);
    }

    /**
     * Purpose: with neither property nor folder, the error says how to get the jars.
     * How: search from an empty temporary tree.
     * Pass: the message names the property, the expected location and the build command.
     */
    @Test
    void missingFolderFailsWithBuildAdvice(@TempDir Path root) {
        // 1. Nothing to find
        assertThatThrownBy(() -> BrokerLibraries.locate(" ", root))
                // 2. The message explains
                .isInstanceOf(KafkaClusterException.class)
                .hasMessageContaining(BrokerLibraries.PROPERTY)
                .hasMessageContaining("kafka-broker/target/libs")
                .hasMessageContaining("mvn install -DskipTests")
                .hasMessageContaining("streampatterns-conformance-kit");
    }

    /**
     * Purpose: the real build provides the broker jars to the tests.
     * How: locate with the real system property / working directory.
     * Pass: the folder holds Kafka 4 clients (the broker's, not Spark's 3.9.2).
     */
    @Test
    void theBuildProvidesTheBrokerJars() throws Exception {
        // 1. Locate for real
        Path libs = BrokerLibraries.locate();

        // 2. It is the broker's folder
        try (var files = Files.list(libs)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .anyMatch(name -> name.startsWith("kafka-clients-4."));
        }
    }
}
