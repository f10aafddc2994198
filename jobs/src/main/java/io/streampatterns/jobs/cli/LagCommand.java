package io.streampatterns.jobs.cli;

import io.streampatterns.core.Checkpoint;
import io.streampatterns.core.monitor.ConsumerLag;
import io.streampatterns.jobs.config.BrokerAdmin;
import io.streampatterns.jobs.config.InvalidConfigException;
import io.streampatterns.jobs.config.PipelineConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code streampatterns lag CONFIG}: how far a pipeline's checkpoint is behind its input topic,
 * partition by partition: the brokers' end offsets minus what the latest committed batch read up
 * to. Works on a stopped pipeline too (the checkpoint is all it reads of the pipeline).
 */
@Command(name = "lag", mixinStandardHelpOptions = true,
        description = {"Per-partition lag of a pipeline's checkpoint against its brokers' end offsets, a table and a "
                + "one-line summary. Reads checkpointLocation, bootstrapServers, topic and kafka.* from the configuration."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:the lag was measured", "2:the configuration, the checkpoint or the brokers could not be read"})
final class LagCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CONFIG", description = "the pipeline's configuration file (properties)")
    private Path config;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            PipelineConfig pipeline = PipelineConfig.read(config);
            String topic = required(pipeline, "topic");
            Checkpoint checkpoint = Checkpoint.at(required(pipeline, "checkpointLocation"), new Configuration());
            Map<String, Long> ends;
            try (BrokerAdmin brokers = BrokerAdmin.of(pipeline)) {
                ends = brokers.endOffsets(topic);
            }
            ConsumerLag lag = ConsumerLag.ofCheckpoint(checkpoint.committedSourceOffsets(), ends);
            print(out, topic, ends, lag, checkpoint);
            return 0;
        } catch (InvalidConfigException | IllegalStateException | java.io.UncheckedIOException e) {
            err.println("lag: " + e.getMessage());
            return 2;
        }
    }

    private static String required(PipelineConfig config, String key) {
        return config.get(key).orElseThrow(() -> new InvalidConfigException(config.file(), key, "not set"));
    }

    private static void print(PrintWriter out, String topic, Map<String, Long> ends, ConsumerLag lag, Checkpoint checkpoint) {
        out.printf("%-30s %14s %12s%n", "partition", "end offset", "lag");
        lag.byPartition().forEach((partition, behind) -> out.printf("%-30s %,14d %,12d%n", partition, ends.get(partition), behind));
        String most = lag.byPartition().entrySet().stream().max(Map.Entry.comparingByValue())
                .filter(e -> e.getValue() > 0).map(e -> ", most " + String.format("%,d", e.getValue()) + " on " + e.getKey())
                .orElse("");
        String batch = checkpoint.latestCommittedBatch().map(b -> "batch " + b + " committed")
                .orElse("no batch committed yet");
        out.printf("lag: %,d records behind on %s (%d partitions%s); checkpoint %s, %s%n", lag.total(), topic,
                ends.size(), most, checkpoint.location(), batch);
        out.flush();
    }
}
