package io.streampatterns.harness.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log tails that failure messages quote. */
class LogTailTest {

    /**
     * Purpose: a failure message quotes the end of a log, however long the log has grown.
     * How: write 20,000 numbered lines (more than the 64 KB a tail reads) and take the tail.
     * Pass: exactly the last 40 lines, in order, after a sentence naming the file.
     */
    @Test
    void quotesTheLastFortyLinesOfALongLog(@TempDir Path dir) throws Exception {
        // 1. A long log
        Path log = dir.resolve("broker.log");
        Files.writeString(log, IntStream.range(0, 20_000).mapToObj(i -> "line " + i).collect(Collectors.joining("\n", "", "\n")));

        // 2. Its tail
        String expected = IntStream.range(19_960, 20_000).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));
        assertThat(LogTail.describe(log)).isEqualTo("Last 40 lines of " + log + ":\n" + expected);
    }

    /**
     * Purpose: a node that never wrote a log does not turn a failure message into another failure.
     * How: take the tail of a file that does not exist.
     * Pass: a note saying there is no log file.
     */
    @Test
    void aMissingLogIsNamedAsMissing(@TempDir Path dir) {
        assertThat(LogTail.of(dir.resolve("none.log"), 5)).isEqualTo("(no log file)");
    }
}
