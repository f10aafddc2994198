package io.streampatterns.harness.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The TLS material of a cluster's SASL_SSL listener, generated when the cluster starts: a
 * self-signed certificate for {@code 127.0.0.1} and {@code localhost} in the brokers' keystore, and a
 * truststore holding that certificate for clients. Both PKCS12, with random passwords.
 *
 * <p>Why generated per cluster: a key committed to the repository would be a key anyone can read,
 * and one that expires some day and breaks the build. Why {@code keytool}: the JDK has no public API
 * that issues a certificate, and keytool ships with every JDK; it runs once per cluster (about 1 s).
 * The truststore is written in-process from the keystore's certificate. Passwords reach keytool
 * through its environment ({@code -storepass:env}), not its command line, which any user can list.
 *
 * <p>Why SAN {@code IP:127.0.0.1}: brokers advertise 127.0.0.1, and Kafka clients verify the
 * broker's name against its certificate by default ({@code ssl.endpoint.identification.algorithm=https}).
 * With the address in the certificate, tests keep that check on, as production must.
 */
final class TlsMaterial {
    static final String STORE_TYPE = "PKCS12";
    private static final String ALIAS = "broker";
    private static final Duration KEYTOOL_TIMEOUT = Duration.ofSeconds(60);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path keystore;
    private final String keystorePassword;
    private final Path truststore;
    private final String truststorePassword;

    private TlsMaterial(Path keystore, String keystorePassword, Path truststore, String truststorePassword) {
        this.keystore = keystore;
        this.keystorePassword = keystorePassword;
        this.truststore = truststore;
        this.truststorePassword = truststorePassword;
    }

    /**
     * Generates a key pair and self-signed certificate into {@code dir/broker-keystore.p12} and its
     * certificate into {@code dir/client-truststore.p12}.
     *
     * @param dir a folder of the cluster's own (created if missing)
     * @return the generated material
     * @throws KafkaClusterException if keytool fails (its output is quoted)
     */
    static TlsMaterial generate(Path dir) {
        try {
            Files.createDirectories(dir);
            Path keystore = dir.resolve("broker-keystore.p12");
            Path truststore = dir.resolve("client-truststore.p12");
            String keystorePassword = randomPassword();
            String truststorePassword = randomPassword();
            runKeytool(dir, keystorePassword, List.of("-genkeypair", "-alias", ALIAS,
                    "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "30",
                    "-dname", "CN=localhost, O=streampatterns test broker",
                    "-ext", "SAN=IP:127.0.0.1,DNS:localhost",
                    "-storetype", STORE_TYPE, "-keystore", keystore.toString(), "-storepass:env", "STORE_PASSWORD"));
            writeTruststore(keystore, keystorePassword, truststore, truststorePassword);
            for (Path file : List.of(keystore, truststore)) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
            return new TlsMaterial(keystore, keystorePassword, truststore, truststorePassword);
        } catch (IOException | GeneralSecurityException e) {
            throw new KafkaClusterException("cannot generate the SASL_SSL listener's keystore and truststore in "
                    + dir + ": " + e, e);
        }
    }

    private static void runKeytool(Path dir, String storePassword, List<String> args) throws IOException {
        List<String> command = new java.util.ArrayList<>();
        command.add(keytool());
        command.addAll(args);
        Path output = dir.resolve("keytool.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("STORE_PASSWORD", storePassword);
        Process process = builder.start();
        try {
            boolean exited = process.waitFor(KEYTOOL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!exited || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new KafkaClusterException("keytool " + args.get(0) + (exited ? " failed with exit code "
                        + process.exitValue() : " did not finish in " + KEYTOOL_TIMEOUT.toSeconds() + " s")
                        + ": " + Files.readString(output, StandardCharsets.UTF_8).strip());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new KafkaClusterException("interrupted while running keytool", e);
        }
    }

    private static void writeTruststore(Path keystore, String keystorePassword, Path truststore,
            String truststorePassword) throws IOException, GeneralSecurityException {
        KeyStore keys = KeyStore.getInstance(STORE_TYPE);
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, keystorePassword.toCharArray());
        }
        Certificate certificate = keys.getCertificate(ALIAS);
        KeyStore trust = KeyStore.getInstance(STORE_TYPE);
        trust.load(null, null);
        trust.setCertificateEntry(ALIAS, certificate);
        try (OutputStream out = Files.newOutputStream(truststore)) {
            trust.store(out, truststorePassword.toCharArray());
        }
    }

    /** The keytool of the JDK that runs the tests. */
    private static String keytool() {
        Path fromHome = Paths.get(System.getProperty("java.home"), "bin", "keytool");
        return Files.isExecutable(fromHome) ? fromHome.toString() : "keytool";
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    Path keystore() {
        return keystore;
    }

    String keystorePassword() {
        return keystorePassword;
    }

    Path truststore() {
        return truststore;
    }

    String truststorePassword() {
        return truststorePassword;
    }
}
