package io.streampatterns.harness.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerJarUnpackerTest {

    /**
     * Purpose: a project outside this repository gets the broker from the kit's dependency jar.
     * How: a jar holding two broker jars under the resource folder and one unrelated file, on a class
     * loader of its own; unpack it twice.
     * Pass: a folder with exactly the two jars, the same folder the second time.
     */
    @Test
    void unpacksTheBrokerJarsOnceAndReusesThem(@TempDir Path dir) throws Exception {
        // 1. A jar of jars, as the kafka-broker module packs it
        Path jar = jarWith(dir.resolve("streampatterns-kafka-broker-1.0.jar"),
                BrokerLibraries.RESOURCE_FOLDER + "kafka_2.13-4.3.1.jar",
                BrokerLibraries.RESOURCE_FOLDER + "kafka-clients-4.3.1.jar", "META-INF/other.txt");
        Path cache = dir.resolve("cache");

        // 2. Unpack through the classpath, twice
        Optional<Path> first;
        Optional<Path> second;
        try (URLClassLoader loader = loaderOf(jar)) {
            first = BrokerJarUnpacker.fromClasspath(loader, cache);
            second = BrokerJarUnpacker.fromClasspath(loader, cache);
        }

        // 3. The broker's jars and nothing else, in one folder
        assertThat(first).isPresent();
        assertThat(second).isEqualTo(first);
        try (Stream<Path> files = Files.list(first.get())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("kafka_2.13-4.3.1.jar", "kafka-clients-4.3.1.jar");
        }
        try (Stream<Path> folders = Files.list(cache)) {
            assertThat(folders).hasSize(1);
        }
    }

    /**
     * Purpose: a resource folder without a broker is not taken for one.
     * How: a jar whose resource folder holds only a kafka-clients jar; and a class loader without the folder.
     * Pass: empty both times, so locate() goes on to its error naming what is missing.
     */
    @Test
    void findsNothingWithoutABrokerJar(@TempDir Path dir) throws Exception {
        Path jar = jarWith(dir.resolve("streampatterns-kafka-broker-1.0.jar"),
                BrokerLibraries.RESOURCE_FOLDER + "kafka-clients-4.3.1.jar");
        try (URLClassLoader withoutBroker = loaderOf(jar);
             URLClassLoader withoutFolder = new URLClassLoader(new URL[0], null)) {
            assertThat(BrokerJarUnpacker.fromClasspath(withoutBroker, dir.resolve("cache"))).isEmpty();
            assertThat(BrokerJarUnpacker.fromClasspath(withoutFolder, dir.resolve("cache"))).isEmpty();
        }
    }

    private static URLClassLoader loaderOf(Path jar) throws IOException {
        return new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
    }

    private static Path jarWith(Path jar, String... entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out)) {
            jarOut.putNextEntry(new JarEntry(BrokerLibraries.RESOURCE_FOLDER));
            jarOut.closeEntry();
            for (String entry : entries) {
                jarOut.putNextEntry(new JarEntry(entry));
                jarOut.write(entry.getBytes(StandardCharsets.UTF_8));
                jarOut.closeEntry();
            }
        }
        return jar;
    }
}
