package io.streampatterns.harness.kafka;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Entry point of every child JVM the fixture starts: runs another main class and halts the JVM as
 * soon as the parent (test) JVM is gone.
 *
 * <p>Why: a shutdown hook cleans up after a failed or interrupted test run, but not after
 * {@code kill -9} of the test JVM (or a crashed Surefire fork). The parent keeps this process's
 * standard input open as a pipe and never writes to it; when the parent dies, the operating system
 * closes the pipe, {@code System.in.read()} returns end-of-stream and this class halts the broker.
 * So no broker outlives its test run.
 *
 * <p>This class runs inside the broker's JVM, whose classpath holds only the broker jars and this
 * one class file: it must use nothing but the JDK and must not have nested classes.
 *
 * <p>Usage: {@code java ... io.streampatterns.harness.kafka.ParentWatchdog <main class> [args...]}.
 */
public final class ParentWatchdog {

    /** Exit status when the parent is gone, as if killed by SIGKILL. */
    static final int PARENT_GONE_STATUS = 137;

    private ParentWatchdog() {
    }

    /**
     * Starts the watchdog thread, then runs {@code args[0]}'s main with the remaining arguments.
     *
     * @param args the main class to run, followed by its arguments
     * @throws Throwable whatever the wrapped main throws
     */
    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            System.err.println("usage: ParentWatchdog <main class> [args...]");
            System.exit(2);
        }
        Thread watcher = new Thread(ParentWatchdog::haltWhenParentGoes, "parent-watchdog");
        watcher.setDaemon(true);
        watcher.start();

        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void haltWhenParentGoes() {
        try {
            while (System.in.read() != -1) {
                // The parent never writes; anything read is ignored.
            }
        } catch (IOException e) {
            // A broken pipe means the parent is gone, too.
        }
        System.err.println("[parent-watchdog] parent process is gone; halting this JVM");
        System.err.flush();
        Runtime.getRuntime().halt(PARENT_GONE_STATUS);
    }
}
