package io.streampatterns.harness.patterns.secured;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Records every log line of this JVM while open, far below the project's usual WARN: INFO for
 * everything, DEBUG for Kafka's clients and Spark's Kafka connector (where credentials are
 * handled), so that "the password is in no log line" is checked against the lines a verbose
 * production configuration would write, not only the few the tests normally print.
 *
 * <p>The console keeps its usual WARN level meanwhile, so the build log is not flooded. Each line
 * is recorded with its logger name and, when the event carries an exception, the full stack trace
 * with every cause's message.
 */
final class LogCapture implements AutoCloseable {
    /** Where credentials pass through: logged at DEBUG while capturing. */
    static final List<String> DEBUG_LOGGERS = List.of("org.apache.kafka", "org.apache.spark.sql.kafka010",
            "io.streampatterns");

    private final List<String> lines = new ArrayList<>();
    private final LoggerContext context;
    private final Configuration config;
    private final Appender appender;
    private final Map<String, Level> previousLevels = new HashMap<>();
    private final List<String> addedLoggers = new ArrayList<>();
    private final Map<String, Appender> rootAppenders;

    private LogCapture() {
        context = (LoggerContext) LogManager.getContext(false);
        config = context.getConfiguration();
        appender = new AbstractAppender("secret-scan-capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                record(event);
            }
        };
        appender.start();
        config.addAppender(appender);
        LoggerConfig root = config.getRootLogger();
        // Keep the console (and any other appender) at WARN while the loggers are opened up.
        rootAppenders = new HashMap<>(root.getAppenders());
        rootAppenders.keySet().forEach(root::removeAppender);
        rootAppenders.values().forEach(a -> root.addAppender(a, Level.WARN, null));
        root.addAppender(appender, Level.ALL, null);
        for (LoggerConfig logger : config.getLoggers().values()) {
            previousLevels.put(logger.getName(), logger.getLevel());
            logger.setLevel(isDebug(logger.getName()) ? Level.DEBUG : Level.INFO);
        }
        for (String name : DEBUG_LOGGERS) {
            if (!config.getLoggers().containsKey(name)) {
                config.addLogger(name, new LoggerConfig(name, Level.DEBUG, true));
                addedLoggers.add(name);
            }
        }
        context.updateLoggers();
    }

    /** Starts recording. */
    static LogCapture start() {
        return new LogCapture();
    }

    private static boolean isDebug(String logger) {
        return DEBUG_LOGGERS.stream().anyMatch(prefix -> logger.equals(prefix) || logger.startsWith(prefix + "."));
    }

    private void record(LogEvent event) {
        StringBuilder line = new StringBuilder()
                .append(event.getLevel()).append(' ').append(event.getLoggerName()).append(": ")
                .append(event.getMessage().getFormattedMessage());
        if (event.getThrown() != null) {
            StringWriter trace = new StringWriter();
            event.getThrown().printStackTrace(new PrintWriter(trace));
            line.append('\n').append(trace);
        }
        synchronized (lines) {
            lines.add(line.toString());
        }
    }

    /** The lines recorded so far. */
    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** The recorded lines that contain {@code text}. */
    List<String> linesContaining(String text) {
        return lines().stream().filter(l -> l.contains(text)).toList();
    }

    /** Restores the levels and appenders as they were. */
    @Override
    public void close() {
        LoggerConfig root = config.getRootLogger();
        root.removeAppender(appender.getName());
        rootAppenders.keySet().forEach(root::removeAppender);
        rootAppenders.values().forEach(a -> root.addAppender(a, null, null));
        addedLoggers.forEach(config::removeLogger);
        previousLevels.forEach((name, level) -> {
            LoggerConfig logger = config.getLoggers().get(name);
            if (logger != null) {
                logger.setLevel(level);
            }
        });
        config.getAppenders().remove(appender.getName());
        appender.stop();
        context.updateLoggers();
    }
}
