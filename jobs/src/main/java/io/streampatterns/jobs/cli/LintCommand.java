package io.streampatterns.jobs.cli;

import io.streampatterns.jobs.config.InvalidConfigException;
import io.streampatterns.jobs.config.PipelineConfig;
import io.streampatterns.jobs.lint.LintProblem;
import io.streampatterns.jobs.lint.Linter;
import io.streampatterns.jobs.lint.PartitionCounter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code streampatterns lint CONFIG...}: every problem of the configurations, each naming its file
 * and option, without starting anything. Exit 0 when there is none, 1 when there are problems, 2
 * when a file cannot be read.
 */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = {"Checks pipeline configurations without starting anything; names each problem and its option.",
                "Refuses: a trigger over SLA/3; a Real-Time Mode pipeline with fewer task slots than partitions "
                        + "(counted on the brokers when they answer); startingOffsets=latest on a first run; a checkpoint "
                        + "shared by two configurations; kafka.acks other than all; a secret written inline instead of "
                        + "${secret:NAME}; no maxOffsetsPerTrigger on a micro-batch pipeline."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:no problem", "1:problems, each on a line of its own", "2:a file could not be read, or bad usage"})
final class LintCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "CONFIG", description = "pipeline configuration files (properties), linted together")
    private List<Path> configs;

    @Option(names = "--offline", description = "do not ask the brokers for partition counts (the Real-Time Mode slot check is then skipped, with a note)")
    private boolean offline;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<PipelineConfig> read;
        try {
            read = configs.stream().map(PipelineConfig::read).toList();
        } catch (InvalidConfigException e) {
            err.println(e.getMessage());
            return 2;
        }
        Linter.LintResult result = new Linter(PartitionCounter.of(offline)).lint(read);
        result.problems().stream().map(LintProblem::toString).forEach(out::println);
        result.notes().forEach(note -> out.println("note: " + note));
        out.println(result.clean() ? "lint: " + read.size() + " configuration(s), no problem"
                : "lint: " + result.problems().size() + " problem(s) in " + read.size() + " configuration(s)");
        out.flush();
        return result.clean() ? 0 : 1;
    }
}
