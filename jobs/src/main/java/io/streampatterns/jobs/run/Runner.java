package io.streampatterns.jobs.run;

import io.streampatterns.core.RunningPipeline;
import io.streampatterns.core.StreamingPattern;
import io.streampatterns.jobs.config.PipelineConfig;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQueryException;

/**
 * Starts a built pattern on the job's session and waits for its query to end. A stop of the JVM
 * (SIGTERM: a cluster manager ending the job) stops the query first, so its last batch is not left
 * half done when it can be finished.
 */
public final class Runner {
    private Runner() {
    }

    private static void stop(RunningPipeline running) {
        try {
            running.close();
        } catch (TimeoutException e) {
            System.err.println("streampatterns: the query did not stop in time: " + e.getMessage());
        }
    }

    /**
     * @return the query's failure, or empty when it ended on its own or was stopped
     * @throws TimeoutException when Spark could not start the query in time
     */
    public static Optional<Throwable> runUntilEnd(StreamingPattern pattern, PipelineConfig config, Optional<String> master)
            throws TimeoutException {
        SparkSession spark = JobSession.start(config, master);
        RunningPipeline running = pattern.pipeline().start(spark);
        Thread stopper = new Thread(() -> stop(running), "streampatterns-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            running.query().awaitTermination();
            return Optional.empty();
        } catch (StreamingQueryException e) {
            return Optional.of(e.getCause() != null ? e.getCause() : e);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it stops the query
            }
        }
    }
}
