package io.streampatterns.jobs.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code streampatterns}: the patterns from the command line. {@code lint} checks configurations
 * before anything starts, {@code lag} measures a checkpoint against its brokers; every command has
 * {@code --help}.
 */
@Command(name = "streampatterns", mixinStandardHelpOptions = true, version = "streampatterns 0.1.0",
        description = "Kafka pipelines on Spark Structured Streaming: check a configuration before it starts, measure a checkpoint's lag.",
        subcommands = {LintCommand.class, RunCommand.class, LagCommand.class, CommandLine.HelpCommand.class})
public final class StreampatternsCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with every subcommand, as {@link #main} runs it; for tests too. */
    public static CommandLine commandLine() {
        return new CommandLine(new StreampatternsCommand());
    }

    /** Without a command: the usage, and exit 2. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "expected a command: lint, run or lag");
    }
}
