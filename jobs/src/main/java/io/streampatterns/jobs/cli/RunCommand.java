package io.streampatterns.jobs.cli;

import io.streampatterns.core.InvalidPipelineException;
import io.streampatterns.core.StreamingPattern;
import io.streampatterns.core.secrets.SecretProvider;
import io.streampatterns.jobs.config.InvalidConfigException;
import io.streampatterns.jobs.config.PipelineConfig;
import io.streampatterns.jobs.lint.PartitionCounter;
import io.streampatterns.jobs.lint.Linter;
import io.streampatterns.jobs.run.PatternJobs;
import io.streampatterns.jobs.run.Runner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code streampatterns run CONFIG}: lints the configuration, builds its pattern, starts it and
 * runs until the query ends (a stop, a failure, or {@code trigger=availableNow} caught up). A
 * configuration with a lint problem or a build problem never starts a query.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the pattern a configuration names, after linting it; until the query ends.",
                "Locally with --master local[2]; under spark-submit the submission gives the master.",
                "Secrets (${secret:NAME}) come from --secrets-dir (a file per secret) or the environment "
                        + "(STREAMPATTERNS_SECRET_<NAME>)."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:the query ended", "1:lint or build problems (nothing started), or the query failed",
                "2:the configuration could not be read, or bad usage"})
final class RunCommand implements Callable<Integer> {
    static final String SECRET_PREFIX = "STREAMPATTERNS_SECRET_";

    @Parameters(paramLabel = "CONFIG", description = "the pipeline's configuration file (properties)")
    private Path config;

    @Option(names = "--master", description = "Spark master for a local run, e.g. local[2] (default: spark.master, else the submission's)")
    private String master;

    @Option(names = "--secrets-dir", description = "a folder holding one file per secret, as Kubernetes mounts them")
    private Path secretsDir;

    @Option(names = "--offline", description = "lint without asking the brokers for partition counts")
    private boolean offline;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PipelineConfig pipeline;
        try {
            pipeline = PipelineConfig.read(config);
        } catch (InvalidConfigException e) {
            err.println(e.getMessage());
            return 2;
        }
        // 1. Lint: a configuration with a problem never starts.
        Linter.LintResult lint = new Linter(PartitionCounter.of(offline)).lint(List.of(pipeline));
        lint.notes().forEach(note -> out.println("note: " + note));
        if (!lint.clean()) {
            lint.problems().forEach(err::println);
            err.println("run: not started, " + lint.problems().size() + " lint problem(s)");
            return 1;
        }
        // 2. Build: the pattern's own checks, each naming its option.
        StreamingPattern pattern;
        try {
            pattern = PatternJobs.of(pipeline).build(pipeline, secrets());
        } catch (InvalidConfigException | InvalidPipelineException e) {
            err.println(e.getMessage());
            err.println("run: not started");
            return 1;
        }
        // 3. Start and run until the query ends.
        out.println("run: starting " + pipeline.get("pattern").orElse("?") + " from " + config);
        out.flush();
        Optional<Throwable> failure;
        try {
            failure = Runner.runUntilEnd(pattern, pipeline, Optional.ofNullable(master));
        } catch (java.util.concurrent.TimeoutException | InvalidPipelineException e) {
            failure = Optional.of(e);
        }
        failure.ifPresent(f -> err.println("run: the query failed: " + f));
        out.println("run: " + (failure.isEmpty() ? "the query ended" : "the query failed"));
        return failure.isEmpty() ? 0 : 1;
    }

    private SecretProvider secrets() {
        SecretProvider environment = SecretProvider.environment(SECRET_PREFIX);
        return secretsDir == null ? environment : SecretProvider.firstOf(SecretProvider.directory(secretsDir), environment);
    }
}
