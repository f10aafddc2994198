package io.streampatterns.harness.conformance;

import io.streampatterns.harness.kafka.ExternalKafka;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which Kafka a run asks for, read from the environment and checked before anything starts, so a
 * mistyped or contradictory variable fails with its name and what was expected rather than as a broker
 * or client error minutes later (a setting that would be ignored is refused too):
 * <ul>
 *   <li>{@code KAFKA_BACKEND}: {@code embedded}, {@code external} or {@code testcontainers}; by default
 *       {@code external} when {@code KAFKA_BOOTSTRAP_SERVERS} is set, else {@code embedded};</li>
 *   <li>{@code KAFKA_BROKERS}: how many embedded brokers, 1 (the default) or 3;</li>
 *   <li>{@code KAFKA_BOOTSTRAP_SERVERS}: {@code host:port[,host:port...]} of an external cluster;</li>
 *   <li>{@code KAFKA_CLIENT_PROPERTIES}: a Java properties file of that cluster's client settings.</li>
 * </ul>
 *
 * @param backend where Kafka comes from
 * @param brokers how many embedded brokers (1 for other backends)
 * @param bootstrapServers the external cluster's bootstrap servers, or null
 * @param clientPropertiesFile the file the client properties came from, if any
 * @param clientProperties the external cluster's client properties (empty without a file)
 */
record KafkaBackendSettings(Backend backend, int brokers, String bootstrapServers, Optional<Path> clientPropertiesFile,
                            Map<String, String> clientProperties) {

    /** The backends {@code KAFKA_BACKEND} names. */
    enum Backend { EMBEDDED, EXTERNAL, TESTCONTAINERS }

    static final String BACKEND = "KAFKA_BACKEND";
    static final String BROKERS = "KAFKA_BROKERS";
    static final String BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";
    static final String CLIENT_PROPERTIES = "KAFKA_CLIENT_PROPERTIES";

    /** @throws IllegalArgumentException naming the variable and what was expected */
    static KafkaBackendSettings fromEnvironment(Map<String, String> env) {
        String servers = env.get(BOOTSTRAP_SERVERS);
        Backend backend = backend(env.getOrDefault(BACKEND, servers != null ? "external" : "embedded"));
        String brokers = env.get(BROKERS);
        String propertiesFile = env.get(CLIENT_PROPERTIES);
        if (backend != Backend.EMBEDDED && brokers != null) {
            throw ignored(BROKERS, "sets how many embedded brokers to start", backend);
        }
        if (backend != Backend.EXTERNAL && servers != null) {
            throw ignored(BOOTSTRAP_SERVERS, "names an existing cluster", backend);
        }
        if (backend != Backend.EXTERNAL && propertiesFile != null) {
            throw ignored(CLIENT_PROPERTIES, "holds the client settings of an existing cluster", backend);
        }
        if (backend != Backend.EXTERNAL) {
            return new KafkaBackendSettings(backend, brokers == null ? 1 : brokers(brokers), null, Optional.empty(), Map.of());
        }
        Optional<Path> file = Optional.ofNullable(propertiesFile).map(KafkaBackendSettings::readableFile);
        return new KafkaBackendSettings(backend, 1, bootstrapServers(servers), file,
                file.map(KafkaBackendSettings::clientProperties).orElse(Map.of()));
    }

    private static Backend backend(String value) {
        return switch (value) {
            case "embedded", "external", "testcontainers" -> Backend.valueOf(value.toUpperCase(Locale.ROOT));
            default -> throw new IllegalArgumentException(BACKEND + ": expected embedded, external or testcontainers, got '"
                    + value + "'");
        };
    }

    private static IllegalArgumentException ignored(String variable, String what, Backend backend) {
        return new IllegalArgumentException(variable + " " + what + ", which the " + backend.name().toLowerCase(Locale.ROOT)
                + " backend would ignore; unset it, or set " + BACKEND + " to the backend it is for");
    }

    private static int brokers(String value) {
        String trimmed = value.trim();
        if (!trimmed.equals("1") && !trimmed.equals("3")) {
            throw new IllegalArgumentException(BROKERS + ": expected 1 or 3 (a 3-broker quorum survives a lost broker), got '"
                    + value + "'");
        }
        return Integer.parseInt(trimmed);
    }

    /** Checks every entry is {@code host:port} with a port from 1 to 65535; returns the list without blanks around entries. */
    private static String bootstrapServers(String value) {
        String expected = BOOTSTRAP_SERVERS + ": expected host:port[,host:port...] for " + BACKEND + "=external, got ";
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(expected + "nothing");
        }
        String[] entries = Arrays.stream(value.split(",", -1)).map(String::trim).toArray(String[]::new);
        for (String entry : entries) {
            int colon = entry.lastIndexOf(':');
            if (colon <= 0 || !isPort(entry.substring(colon + 1))) {
                throw new IllegalArgumentException(expected + "'" + value + "' ('" + entry + "' is not host:port)");
            }
        }
        return String.join(",", entries);
    }

    private static boolean isPort(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int port = Integer.parseInt(text);
        return port >= 1 && port <= 65_535;
    }

    private static Path readableFile(String value) {
        Path file = Path.of(value);
        if (value.isBlank() || !Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException(CLIENT_PROPERTIES + ": expected a readable Java properties file, got '"
                    + value + "'" + (value.isBlank() || Files.exists(file) ? "" : " (no such file)"));
        }
        return file;
    }

    private static Map<String, String> clientProperties(Path file) {
        try {
            return ExternalKafka.propertiesFrom(file);
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException(CLIENT_PROPERTIES + ": expected a readable Java properties file, got '"
                    + file + "' (" + e.getCause() + ")", e);
        } catch (IllegalArgumentException e) { // how Properties.load refuses a malformed unicode escape
            throw new IllegalArgumentException(CLIENT_PROPERTIES + ": expected a Java properties file, got '"
                    + file + "' (" + e.getMessage() + ")", e);
        }
    }
}
