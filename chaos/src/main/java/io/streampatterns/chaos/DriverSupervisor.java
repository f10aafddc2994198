package io.streampatterns.chaos;

import io.streampatterns.harness.conformance.PipelineUnderTest;
import io.streampatterns.harness.conformance.TestRun;
import io.streampatterns.harness.driver.DriverProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Keeps a pattern's driver JVM running the way a cluster manager would: a scenario kills it on
 * purpose and starts it again from the checkpoint; if it dies by itself (its query failed while a
 * broker was down, say), the supervisor notices within a second, reports it and starts it again, a
 * few times at most. Every start waits until the query runs.
 */
final class DriverSupervisor implements AutoCloseable {
    /** Unplanned exits after which the supervisor gives up: the pipeline cannot run here. */
    static final int MAX_UNPLANNED_EXITS = 4;
    /** Attempts at starting a driver JVM before the start counts as failed. */
    private static final int START_ATTEMPTS = 3;

    private final PipelineUnderTest fixture;
    private final TestRun run;
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "chaos-driver-watcher");
        t.setDaemon(true);
        return t;
    });
    private final List<String> unplannedExits = new ArrayList<>();
    private volatile DriverProcess current;
    private volatile BiConsumer<String, Boolean> onUnplannedExit = (label, fault) -> { };
    private boolean wanted;
    private int starts;
    private String gaveUp;

    DriverSupervisor(PipelineUnderTest fixture, TestRun run) {
        this.fixture = fixture;
        this.run = run;
    }

    /** Starts the driver (from the checkpoint, if it has one) and waits until its query runs. */
    synchronized void start() {
        if (isUp()) {
            return;
        }
        RuntimeException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            try {
                current = DriverProcess.start(fixture, run);
                wanted = true;
                starts++;
                return;
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw new IllegalStateException("the driver did not start in " + START_ATTEMPTS + " attempts: " + last.getMessage(), last);
    }

    /** SIGKILL; the supervisor will not restart it until {@link #start()}. */
    synchronized void kill() {
        wanted = false;
        DriverProcess driver = current;
        if (driver != null) {
            driver.kill();
        }
    }

    /**
     * Checks every second that a driver meant to run does, restarting it if it died by itself.
     *
     * @param onUnplannedExit told (label, whether a fault) when the driver died by itself and when it was restarted
     */
    void watch(BiConsumer<String, Boolean> onUnplannedExit) {
        this.onUnplannedExit = onUnplannedExit;
        watcher.scheduleWithFixedDelay(this::check, 1, 1, TimeUnit.SECONDS);
    }

    private synchronized void check() {
        DriverProcess driver = current;
        if (!wanted || driver == null || driver.isAlive()) {
            return;
        }
        String tail = driver.tail();
        String cause = tail.lines().filter(l -> l.contains("Exception") || l.contains("Error")).findFirst()
                .orElse("no exception in its log").strip();
        unplannedExits.add(cause);
        onUnplannedExit.accept("driver exited by itself: " + abbreviate(cause, 90), true);
        if (unplannedExits.size() >= MAX_UNPLANNED_EXITS) {
            wanted = false;
            gaveUp = "the driver exited by itself " + unplannedExits.size() + " times; last log lines:\n" + tail;
            return;
        }
        try {
            start();
            onUnplannedExit.accept("driver running again after exiting by itself", false);
        } catch (RuntimeException e) {
            wanted = false;
            gaveUp = "the driver could not be restarted after it exited by itself: " + e.getMessage();
        }
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** Whether a driver JVM is running now. */
    boolean isUp() {
        DriverProcess driver = current;
        return driver != null && driver.isAlive();
    }

    /** How many times a driver JVM was started, the first time included. */
    synchronized int starts() {
        return starts;
    }

    /** The first exception line of every unplanned exit. */
    synchronized List<String> unplannedExits() {
        return List.copyOf(unplannedExits);
    }

    /** Why the supervisor stopped restarting the driver, or null while it has not. */
    synchronized String gaveUp() {
        return gaveUp;
    }

    /** The last lines of the current driver's log. */
    String tail() {
        DriverProcess driver = current;
        return driver == null ? "(no driver started)" : driver.tail();
    }

    /** Stops watching and kills the driver. Idempotent. */
    @Override
    public void close() {
        stop();
    }

    /** Stops watching and kills the driver, for good: the scenario is over. Idempotent. */
    void stop() {
        watcher.shutdown();
        try {
            watcher.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill();
    }
}
