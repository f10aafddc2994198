package io.streampatterns.harness.conformance.checks;

import io.streampatterns.harness.driver.PipelineClasses;
import io.streampatterns.harness.conformance.AggregateVerdict;
import io.streampatterns.harness.conformance.ConformanceEnvironment;
import io.streampatterns.harness.conformance.OutputLocation;
import io.streampatterns.harness.conformance.Outcome;
import io.streampatterns.harness.conformance.WindowedAggregates;
import io.streampatterns.harness.conformance.OutputReaders;
import io.streampatterns.harness.conformance.PipelineUnderTest;
import io.streampatterns.harness.conformance.RunningJob;
import io.streampatterns.harness.conformance.TestRun;
import io.streampatterns.core.Capability;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import java.util.Optional;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/** What the checks share: capability tests, running a pipeline to completion, rounding figures. */
final class Checks {

    private Checks() {
    }

    /** Not applicable unless {@code pipeline} declares {@code needed}; {@code otherwise} says why not. */
    static Optional<String> requires(PipelineUnderTest pipeline, Capability needed, String otherwise) {
        return pipeline.capabilities().contains(needed)
                ? Optional.empty()
                : Optional.of("the pipeline does not declare " + needed + ": " + otherwise);
    }

    /** Not applicable unless {@code pipeline} resumes from a checkpoint and its output carries each input's seq. */
    /** Why a check reading records by seq, or windowed aggregates, cannot run on {@code pipeline}; empty when it can. */
    static Optional<String> requiresSeqsOrAggregates(PipelineUnderTest pipeline) {
        return pipeline.capabilities().contains(Capability.WINDOWED_AGGREGATES) ? Optional.empty()
                : requires(pipeline, Capability.TRACEABLE_RECORDS,
                        "its output records do not carry the input's seq, nor does it write windowed aggregates");
    }

    /** A failed outcome when the kit cannot start {@code pipeline} in a child JVM (to kill it), naming why; empty when it can. */
    static Optional<Outcome> unrestartable(PipelineUnderTest pipeline) {
        return PipelineClasses.whyNotRestartable(pipeline)
                .map(why -> Outcome.fail(why, "not restartable"));
    }

    static Optional<String> requiresRestartAndSeqs(PipelineUnderTest pipeline) {
        return requires(pipeline, Capability.CHECKPOINT_RESTART, "it does not resume from a checkpoint")
                .or(() -> requires(pipeline, Capability.TRACEABLE_RECORDS, "its output records do not carry the input's seq"));
    }

    /** Starts {@code pipeline} on {@code run}, listening to its progress. */
    static RunningJob start(PipelineUnderTest pipeline, TestRun run) throws Exception {
        return RunningJob.start(pipeline, run, pipeline.capabilities().contains(Capability.REAL_TIME_MODE));
    }

    /** Starts {@code pipeline}, waits until it caught up with its input, stops it; returns its progress. */
    static List<StreamingQueryProgress> runUntilCaughtUp(PipelineUnderTest pipeline, TestRun run) throws Exception {
        try (RunningJob running = start(pipeline, run)) {
            running.processAllAvailable();
            return running.progressHistory();
        }
    }

    /** The input seq of every record of the pipeline's main output. */
    static long[] outputSeqs(PipelineUnderTest pipeline, TestRun run) {
        return OutputReaders.seqs(run.environment(), pipeline.output(run));
    }

    /**
     * Produces events {@code from} .. {@code from + count - 1} as the pipeline's own input records
     * ({@link PipelineUnderTest#inputRecord}), event {@code seq} to partition {@code seq % partitions},
     * so that every partition, a new one too, gets records; waits for every acknowledgement.
     */
    static void produceRoundRobin(PipelineUnderTest pipeline, TestRun run, long from, int count, int partitions) {
        List<ProducerRecord<byte[], byte[]>> records = new java.util.ArrayList<>();
        for (long seq = from; seq < from + count; seq++) {
            ProducerRecord<byte[], byte[]> record = pipeline.inputRecord(run, seq);
            records.add(new ProducerRecord<>(record.topic(), (int) (seq % partitions), record.key(), record.value(),
                    record.headers()));
        }
        send(run, records);
    }

    /** Sends {@code records} and waits for every acknowledgement; where each landed, in order. */
    static List<RecordMetadata> send(TestRun run, List<ProducerRecord<byte[], byte[]>> records) {
        try (KafkaProducer<byte[], byte[]> producer = run.environment().kafka()
                .newProducer(new ByteArraySerializer(), new ByteArraySerializer(), Map.of("linger.ms", 5))) {
            List<Future<RecordMetadata>> acks = records.stream().map(producer::send).toList();
            List<RecordMetadata> landed = new java.util.ArrayList<>();
            for (Future<RecordMetadata> ack : acks) {
                landed.add(ack.get());
            }
            return landed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while producing to " + run.inputTopic(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not produce to " + run.inputTopic() + ": " + e.getCause(), e.getCause());
        }
    }

    /** The innermost cause of {@code failure}, as {@code class: message}: what a person needs to see first. */
    static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getName() + ": " + root.getMessage();
    }

    /**
     * The verdict on windowed aggregates: the latest output of every window and group against what
     * the input topic holds (read whole, so partitions added later count too); {@code how} opens the message.
     */
    static Outcome aggregatesOutcome(TestRun run, ConformanceEnvironment env, WindowedAggregates aggregates, String how) {
        AggregateVerdict verdict = AggregateVerdict.of(OutputReaders.expectedAggregates(run, aggregates),
                OutputReaders.latestAggregates(env, aggregates));
        return Outcome.of(verdict.passed(), how + verdict.describe(), verdict.correct() + "/" + verdict.windows() + " windows")
                .figure("windows", verdict.windows())
                .figure("windows_correct", verdict.correct());
    }

    /** Input rows over all batches of a run. */
    static long rowsRead(List<StreamingQueryProgress> progress) {
        return progress.stream().mapToLong(StreamingQueryProgress::numInputRows).sum();
    }

    /** Whether the pipeline's main output is a Delta table (else a topic). */
    static boolean writesDelta(PipelineUnderTest pipeline, TestRun run) {
        return pipeline.output(run) instanceof OutputLocation.DeltaTable;
    }

    /** {@code 20000/20000}, with the duplicates when there are any. */
    static String received(long received, long sent, long duplicates) {
        return received + "/" + sent + (duplicates > 0 ? " (" + duplicates + " dup)" : "");
    }

    /** At most 200 evenly spaced points of the sorted values: enough for a CDF chart. */
    static List<Long> cdfSample(long[] values) {
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        List<Long> points = new java.util.ArrayList<>();
        int step = Math.max(1, sorted.length / 200);
        for (int i = 0; i < sorted.length; i += step) {
            points.add(sorted[i]);
        }
        return points;
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
