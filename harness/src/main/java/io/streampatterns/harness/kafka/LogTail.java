package io.streampatterns.harness.kafka;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The last lines of a node's log, which is what every failure message and every failed
 * {@code @KafkaClusterConfig} test quotes: the cluster's folder is deleted with the cluster, so the
 * broker-side cause of a failure (a fenced node, a class that did not load) survives only in them.
 * Owns how many lines are quoted and how a tail is read without loading a whole log.
 */
public final class LogTail {

    /** How many log lines a failure message quotes. */
    static final int LINES = 40;
    /** Read at most this much of a log's end: 40 lines of a broker log fit in it many times over. */
    private static final int MAX_BYTES = 65_536;

    private LogTail() {
    }

    /**
     * @param file a log file
     * @return a sentence naming the file followed by its last {@link #LINES} lines
     */
    public static String describe(Path file) {
        return "Last " + LINES + " lines of " + file + ":\n" + of(file, LINES);
    }

    /**
     * @param file a text file
     * @param lines how many lines
     * @return the file's last {@code lines} lines, or a note saying why there are none
     */
    static String of(Path file, int lines) {
        if (!Files.exists(file)) {
            return "(no log file)";
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            long start = Math.max(0, length - MAX_BYTES);
            byte[] bytes = new byte[(int) (length - start)];
            raf.seek(start);
            raf.readFully(bytes);
            String[] all = new String(bytes, StandardCharsets.UTF_8).split("\r?\n");
            return String.join("\n", Arrays.asList(all).subList(Math.max(0, all.length - lines), all.length));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }
}
