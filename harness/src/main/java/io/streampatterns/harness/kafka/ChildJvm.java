package io.streampatterns.harness.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the command lines of the child JVMs the harness starts from a folder of jars: the
 * storage format tool and brokers here, a standalone Spark master and its workers in
 * {@code harness.spark}.
 *
 * <p>Why its own class: the classpath ({@code libs/*} plus the {@link ParentWatchdog} class and
 * nothing from the harness) is what keeps the broker's kafka-clients 4.x away from Spark's 3.9.2.
 */
public final class ChildJvm {

    /** Broker JVM flags: small heap, serial GC and C1 only; measured to start fastest on 2 cores. */
    static final List<String> BROKER_FLAGS = List.of(
            "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError",
            "-Djava.awt.headless=true");

    /** Flags of the short-lived storage format tool. */
    static final List<String> TOOL_FLAGS = List.of(
            "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true");

    private ChildJvm() {
    }

    /** The java launcher of the running JVM, so children run on the same JDK as the tests. */
    public static String javaExecutable() {
        Path fromHome = Paths.get(System.getProperty("java.home"), "bin", "java");
        if (Files.isExecutable(fromHome)) {
            return fromHome.toString();
        }
        return ProcessHandle.current().info().command().orElse("java");
    }

    /**
     * Writes {@link ParentWatchdog}'s class file under {@code dir} (in its package folders), so a child
     * classpath can hold it without the rest of the harness.
     *
     * @param dir a folder to add to the child's classpath
     */
    public static void installWatchdog(Path dir) {
        String resource = ParentWatchdog.class.getSimpleName() + ".class";
        Path target = dir.resolve(ParentWatchdog.class.getPackageName().replace('.', '/')).resolve(resource);
        try (InputStream in = ParentWatchdog.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("class file " + resource + " not found on the classpath");
            }
            Files.createDirectories(target.getParent());
            Files.write(target, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /**
     * A child JVM command line: {@code java <flags> -cp <libs>/*:<watchdogDir> ParentWatchdog <main> <args>}.
     *
     * @param libs folder of jars (expanded by the launcher's wildcard)
     * @param watchdogDir folder prepared by {@link #installWatchdog(Path)}
     * @param flags JVM flags
     * @param mainClass the class the watchdog runs
     * @param args its arguments
     * @return the command
     */
    public static List<String> command(Path libs, Path watchdogDir, List<String> flags, String mainClass,
            List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable());
        cmd.addAll(flags);
        cmd.add("-cp");
        cmd.add(libs.toAbsolutePath() + "/*" + java.io.File.pathSeparator + watchdogDir.toAbsolutePath());
        cmd.add(ParentWatchdog.class.getName());
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }
}
