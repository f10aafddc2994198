package io.streampatterns.harness.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the guard that keeps brokers from outliving the test JVM.
 */
class ParentWatchdogTest {

    /**
     * Purpose: a child JVM started through {@link ParentWatchdog} runs its real main class with its
     * arguments, and halts once its parent's end of the stdin pipe closes, which is what the operating
     * system does when the parent JVM dies (even by {@code kill -9}).
     * How: start a child that runs {@link BlockingMain} (blocks forever) from a classpath holding only
     * the installed watchdog class and the test classes, read its "ready" line, close its stdin.
     * Pass: the child printed its arguments and exits with status 137 within 20 s.
     */
    @Test
    void childHaltsWhenItsParentsPipeCloses(@TempDir Path dir) throws Exception {
        // 1. Install the watchdog class on its own, as for a broker
        Path watchdogDir = dir.resolve("launcher");
        ChildJvm.installWatchdog(watchdogDir);
        String testClasses = Path.of(BlockingMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();

        // 2. Start the child
        Process child = new ProcessBuilder(List.of(ChildJvm.javaExecutable(), "-Xmx32m", "-XX:TieredStopAtLevel=1",
                "-cp", watchdogDir + File.pathSeparator + testClasses,
                ParentWatchdog.class.getName(), BlockingMain.class.getName(), "a", "b"))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            // 3. It runs the wrapped main with its arguments
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                assertThat(out.readLine()).isEqualTo("ready a b");

                // 4. The parent "dies": its end of the pipe closes
                child.getOutputStream().close();

                // 5. The child halts by itself
                assertThat(child.waitFor(20, TimeUnit.SECONDS)).as("child exited").isTrue();
                assertThat(child.exitValue()).isEqualTo(ParentWatchdog.PARENT_GONE_STATUS);
            }
        } finally {
            child.destroyForcibly();
        }
    }
}
