package io.streampatterns.benchmarks.e2e;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Stops a query on purpose without the page of errors that follows: stopping interrupts the batch in
 * flight (a Real-Time Mode batch is always in flight), and Spark, Kafka's client, Hadoop and Parquet
 * each log the interruption as an aborted task or write. Their loggers are silenced for the stop and
 * a moment after it, then restored; a run's real failures are caught by its checks (query still
 * active, every record in the output), not by reading logs.
 */
final class QuietStop {
    private static final List<String> LOGGERS = List.of("org.apache.spark", "org.apache.kafka", "org.apache.hadoop",
            "org.apache.parquet", "io.delta");
    private static final long SETTLE_MS = 2_000;

    private QuietStop() {
    }

    /** Runs {@code stop} with the chatty loggers off (and every logger configured beneath them). */
    static <E extends Exception> void run(Action<E> stop) throws E {
        Map<String, Level> previous = new LinkedHashMap<>();
        LOGGERS.forEach(name -> previous.put(name, LogManager.getLogger(name).getLevel()));
        if (LogManager.getContext(false) instanceof LoggerContext context) {
            context.getConfiguration().getLoggers().forEach((name, config) -> {
                if (LOGGERS.stream().anyMatch(prefix -> name.startsWith(prefix + "."))) {
                    previous.put(name, config.getLevel());
                }
            });
        }
        Map<String, Level> off = new LinkedHashMap<>();
        previous.keySet().forEach(name -> off.put(name, Level.OFF));
        Configurator.setLevel(off);
        try {
            stop.run();
            LockSupport.parkNanos(SETTLE_MS * 1_000_000L);
        } finally {
            Configurator.setLevel(previous);
        }
    }

    @FunctionalInterface
    interface Action<E extends Exception> {
        void run() throws E;
    }
}
