package io.streampatterns.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintCommandTest {
    @TempDir
    Path dir;

    /**
     * Purpose: every command explains itself. How: --help on the top command and on each command.
     * Pass: exit 0, the usage naming every command, and each command's own usage with its exit codes.
     */
    @Test
    void everyCommandHasHelp() {
        CliRun top = CliRun.of("--help");
        assertThat(top.exit()).isZero();
        assertThat(top.out()).contains("Usage: streampatterns", "lint");
        CliRun lint = CliRun.of("lint", "--help");
        assertThat(lint.exit()).isZero();
        assertThat(lint.out()).contains("Usage: streampatterns lint", "SLA/3", "--offline", "Exit codes:");
        assertThat(top.out()).contains("run", "lag");
        assertThat(CliRun.of("run", "--help").out()).contains("Usage: streampatterns run", "--master", "--secrets-dir", "Exit codes:");
        assertThat(CliRun.of("lag", "--help").out()).contains("Usage: streampatterns lag", "Exit codes:");
    }

    /**
     * Purpose: the exit code tells CI what happened. How: lint a clean file, a file with a problem, a
     * file that does not exist. Pass: 0, 1 with the problem's line naming file and option, 2 naming the file.
     */
    @Test
    void exitsZeroOneOrTwo() throws IOException {
        Path clean = Files.writeString(dir.resolve("clean.properties"), String.join("\n", "pattern=bronze",
                "bootstrapServers=localhost:9092", "topic=orders", "checkpointLocation=" + dir.resolve("cp"), "sla=90s",
                "maxOffsetsPerTrigger=10000", "eventSchema=event_id STRING", "tablePath=" + dir.resolve("table")));
        Path acks = Files.writeString(dir.resolve("acks.properties"), Files.readString(clean).replace("cp", "cp2")
                + "\nkafka.acks=1\n");

        assertThat(CliRun.of("lint", "--offline", clean.toString()).exit()).isZero();
        CliRun problem = CliRun.of("lint", "--offline", acks.toString());
        assertThat(problem.exit()).isEqualTo(1);
        assertThat(problem.out()).contains(acks + ": kafka.acks: 1; expected all", "lint: 1 problem(s) in 1 configuration(s)");
        CliRun missing = CliRun.of("lint", dir.resolve("nope.properties").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.properties", "cannot read it");
    }

    /** Purpose: no command is a usage error, not a silent success. Pass: exit 2 and a line saying a command is expected. */
    @Test
    void noCommandIsAUsageError() {
        CliRun none = CliRun.of();
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("expected a command: lint, run or lag");
    }

}
