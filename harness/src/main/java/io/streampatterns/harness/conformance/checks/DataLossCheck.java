package io.streampatterns.harness.conformance.checks;

import io.streampatterns.harness.conformance.ConformanceCheck;
import io.streampatterns.harness.conformance.ConformanceEnvironment;
import io.streampatterns.harness.conformance.Outcome;
import io.streampatterns.harness.conformance.PipelineUnderTest;
import io.streampatterns.harness.conformance.RunningJob;
import io.streampatterns.harness.conformance.TestRun;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;

/**
 * Purpose: records that vanish from Kafka before the pipeline read them (retention, a
 * {@code kafka-delete-records} run) are never skipped silently. How: a first round is processed and
 * the query stopped; a second round is produced while it is down; the older half of the second
 * round is deleted from every partition, as an expiring segment would be; the pipeline restarts
 * from its checkpoint. Pass: the query fails with an error naming the topic partition and the first
 * offset it could not read (Spark's {@code failOnDataLoss=true}). A pipeline that carries on (as
 * {@code failOnDataLoss=false} does) fails the check, which reports how many records it skipped and
 * which offset ranges they held.
 */
public final class DataLossCheck implements ConformanceCheck {
    private static final Duration RESTART_WINDOW = Duration.ofMinutes(2);
    private final int eventsPerRound;

    public DataLossCheck(int eventsPerRound) {
        this.eventsPerRound = eventsPerRound;
    }

    @Override
    public String name() {
        return "data-loss";
    }

    @Override
    public String description() {
        return "Records deleted from Kafka while the pipeline is stopped: the restarted query fails naming the topic "
                + "partition and offset it lost, never skips them silently.";
    }

    @Override
    public Optional<String> notApplicableBecause(PipelineUnderTest pipeline) {
        return Checks.requiresRestartAndSeqs(pipeline);
    }

    @Override
    public Outcome run(PipelineUnderTest pipeline, ConformanceEnvironment env) throws Exception {
        TestRun run = env.newRun(pipeline, name());
        // 1. A first round, processed; the query stops.
        pipeline.produce(run, 0, eventsPerRound);
        Checks.runUntilCaughtUp(pipeline, run);
        Map<TopicPartition, Long> read = env.kafka().endOffsets(run.inputTopic());
        // 2. A second round while it is down; the older half of it is deleted from every partition.
        pipeline.produce(run, eventsPerRound, eventsPerRound);
        Map<TopicPartition, Long> ends = env.kafka().endOffsets(run.inputTopic());
        Map<TopicPartition, Long> deleteBefore = new LinkedHashMap<>();
        ends.forEach((partition, end) -> deleteBefore.put(partition, read.get(partition) + (end - read.get(partition)) / 2));
        env.kafka().deleteRecordsBefore(deleteBefore);
        long deleted = deleteBefore.entrySet().stream().mapToLong(e -> e.getValue() - read.get(e.getKey())).sum();
        String ranges = deleteBefore.entrySet().stream().filter(e -> e.getValue() > read.get(e.getKey()))
                .map(e -> e.getKey() + " [" + read.get(e.getKey()) + ", " + e.getValue() + ")")
                .collect(Collectors.joining(", "));
        // 3. Restart from the checkpoint: it must fail, naming what it lost.
        Optional<Throwable> failure = restart(pipeline, run, ends);
        if (failure.isPresent()) {
            return verdictOnFailure(failure.get(), run, read, deleteBefore, deleted, ranges);
        }
        // 4. It carried on: say what it skipped.
        long missing = 2L * eventsPerRound - Arrays.stream(Checks.outputSeqs(pipeline, run)).distinct().count();
        return Outcome.fail("deleted " + deleted + " unread records (" + ranges + ") and the restarted query carried on "
                                + "without failing: " + missing + " records missing from its output, skipped silently "
                                + "(is failOnDataLoss false?)", "skipped " + missing + " silently")
                .figure("deleted", deleted)
                .figure("failed", false)
                .figure("skipped", missing);
    }

    /** Restarts the pipeline and lets it run until it fails or catches up; the failure, if it failed. */
    private static Optional<Throwable> restart(PipelineUnderTest pipeline, TestRun run, Map<TopicPartition, Long> ends)
            throws Exception {
        boolean caughtUp;
        try (RunningJob running = Checks.start(pipeline, run)) {
            caughtUp = running.catchUpWith(ends, RESTART_WINDOW);
        } catch (Exception e) {
            return Optional.of(e);
        }
        if (!caughtUp) {
            throw new IllegalStateException("the restarted query neither failed nor caught up with " + ends + " within "
                    + RESTART_WINDOW.toSeconds() + " s");
        }
        return Optional.empty();
    }

    /** Passes when the error names a partition whose records were deleted and the first offset it lost there. */
    private static Outcome verdictOnFailure(Throwable failure, TestRun run, Map<TopicPartition, Long> read,
            Map<TopicPartition, Long> deleteBefore, long deleted, String ranges) {
        String errors = causes(failure);
        Optional<TopicPartition> named = deleteBefore.keySet().stream()
                .filter(p -> deleteBefore.get(p) > read.get(p))
                .filter(p -> errors.contains(p.toString()) && errors.contains(Long.toString(read.get(p))))
                .findFirst();
        String firstLine = sparkError(errors, run.inputTopic());
        Outcome outcome = named.isPresent()
                ? Outcome.pass("deleted " + deleted + " unread records (" + ranges + "); the restarted query failed naming "
                        + named.get() + " from offset " + read.get(named.get()) + ": " + firstLine, "failed loudly")
                : Outcome.fail("deleted " + deleted + " unread records (" + ranges + "); the restarted query failed, but "
                        + "its error names no deleted partition and offset: " + firstLine, "failed, lost range unnamed");
        return outcome.figure("deleted", deleted).figure("failed", true).figure("skipped", 0);
    }

    /** Every message of the failure's cause chain, one per line. */
    private static String causes(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null && text.length() < 20_000; t = t.getCause() == t ? null : t.getCause()) {
            text.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
        }
        return text.toString();
    }

    /** The first line of the errors that names the input topic, else the first line. */
    private static String sparkError(String errors, String topic) {
        return errors.lines().filter(line -> line.contains(topic)).findFirst()
                .orElse(errors.lines().findFirst().orElse("")).strip();
    }
}
