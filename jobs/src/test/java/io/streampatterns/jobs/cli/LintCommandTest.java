package io.streampatterns.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LintCommandTest {
    @TempDir
    Path dir;

    /**
     * Purpose: every command explains itself. How: --help on the top command and on each command.
     * Pass: exit 0, the usage naming every command, and each command's own usage with its exit codes.
     */
    @Test
    void everyCommandHasHelp() {
        Run top = run("--help");
        assertThat(top.exit).isZero();
        assertThat(top.out).contains("Usage: streampatterns", "lint");
        Run lint = run("lint", "--help");
        assertThat(lint.exit).isZero();
        assertThat(lint.out).contains("Usage: streampatterns lint", "SLA/3", "--offline", "Exit codes:");
        assertThat(top.out).contains("run", "lag");
        assertThat(run("run", "--help").out).contains("Usage: streampatterns run", "--master", "--secrets-dir", "Exit codes:");
        assertThat(run("lag", "--help").out).contains("Usage: streampatterns lag", "Exit codes:");
    }

    /**
     * Purpose: the exit code tells CI what happened. How: lint a clean file, a file with a problem, a
     * file that does not exist. Pass: 0, 1 with the problem's line naming file and option, 2 naming the file.
     */
    @Test
    void exitsZeroOneOrTwo() throws IOException {
        Path clean = Files.writeString(dir.resolve("clean.properties"), String.join("\n", "pattern=bronze",
                "bootstrapServers=localhost:9092", "topic=orders", "checkpointLocation=" + dir.resolve("cp"), "sla=90s",
                "maxOffsetsPerTrigger=10000"));
        Path acks = Files.writeString(dir.resolve("acks.properties"), Files.readString(clean).replace("cp", "cp2")
                + "\nkafka.acks=1\n");

        assertThat(run("lint", "--offline", clean.toString()).exit).isZero();
        Run problem = run("lint", "--offline", acks.toString());
        assertThat(problem.exit).isEqualTo(1);
        assertThat(problem.out).contains(acks + ": kafka.acks: 1; expected all", "lint: 1 problem(s) in 1 configuration(s)");
        Run missing = run("lint", dir.resolve("nope.properties").toString());
        assertThat(missing.exit).isEqualTo(2);
        assertThat(missing.err).contains("nope.properties", "cannot read it");
    }

    /** Purpose: no command is a usage error, not a silent success. Pass: exit 2 and a line saying a command is expected. */
    @Test
    void noCommandIsAUsageError() {
        Run none = run();
        assertThat(none.exit).isEqualTo(2);
        assertThat(none.err).contains("expected a command: lint, run or lag");
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = StreampatternsCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private record Run(int exit, String out, String err) {
    }
}
