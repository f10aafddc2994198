package io.streampatterns.harness.spark;

import java.lang.management.ManagementFactory;
import java.util.List;

/** The flags of this JVM a child Spark JVM needs too: JDK 17's module opens, Netty's settings. */
public final class SparkJvmFlags {
    private SparkJvmFlags() {
    }

    /**
     * The module opens and Netty, GC and log4j system properties this JVM was started with, minus heap,
     * agents and a log4j configuration file of its own (a child logs into its own file).
     */
    public static List<String> inherited() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(flag -> flag.startsWith("--add-opens") || flag.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
                        || flag.startsWith("-Dio.netty")
                        || flag.startsWith("-XX:+UseSerialGC") || flag.startsWith("-Dlog4j"))
                .filter(flag -> !flag.startsWith("-Dlog4j2.configurationFile="))
                .toList();
    }
}
