package io.streampatterns.harness.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Turns the broker's jars inside the {@code streampatterns-kafka-broker} jar into a folder a broker
 * JVM can put on its {@code -cp}. Each version of that jar is unpacked once, into a folder named after
 * the jar's name, size and time, and reused by every later run on the machine.
 */
final class BrokerJarUnpacker {

    private BrokerJarUnpacker() {
    }

    /**
     * The folder of broker jars that {@code loader} can see under {@link BrokerLibraries#RESOURCE_FOLDER}:
     * the folder itself when it lies on disk, or its copy under {@code cacheRoot} when it lies in a jar.
     *
     * @return empty when no such resource is on the classpath or it holds no broker
     */
    static Optional<Path> fromClasspath(ClassLoader loader, Path cacheRoot) {
        URL url = loader.getResource(BrokerLibraries.RESOURCE_FOLDER);
        if (url == null) {
            return Optional.empty();
        }
        try {
            Path folder = switch (url.getProtocol()) {
                case "file" -> Paths.get(url.toURI());
                case "jar" -> unpack(((JarURLConnection) url.openConnection()).getJarFileURL(), cacheRoot);
                default -> null;
            };
            return Optional.ofNullable(folder).filter(BrokerLibraries::holdsBroker);
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack the Kafka broker's jars from " + url, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("not a file location: " + url, e);
        }
    }

    /** Unpacks the broker jars of {@code jarUrl} under {@code cacheRoot}, unless an earlier run did. */
    static Path unpack(URL jarUrl, Path cacheRoot) throws IOException, URISyntaxException {
        Path jar = Paths.get(jarUrl.toURI());
        String name = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        Path target = cacheRoot.resolve(name + "-" + Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis());
        if (BrokerLibraries.holdsBroker(target)) {
            return target;
        }
        // Unpack beside the target, then move it into place: a concurrent run sees all jars or none.
        Files.createDirectories(cacheRoot);
        Path staging = Files.createTempDirectory(cacheRoot, name + "-unpacking-");
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String entryName = entry.getName();
                if (!entry.isDirectory() && entryName.startsWith(BrokerLibraries.RESOURCE_FOLDER)
                        && entryName.endsWith(".jar") && entryName.indexOf('/', BrokerLibraries.RESOURCE_FOLDER.length()) < 0) {
                    try (InputStream in = file.getInputStream(entry)) {
                        Files.copy(in, staging.resolve(entryName.substring(BrokerLibraries.RESOURCE_FOLDER.length())));
                    }
                }
            }
        }
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Another run moved its copy into place first: use that one.
            deleteQuietly(staging);
            if (!BrokerLibraries.holdsBroker(target)) {
                throw e;
            }
        }
        return target;
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover staging folder in the temporary folder is harmless
        }
    }
}
