package io.streampatterns.harness.conformance.checks;

import io.streampatterns.core.Capability;
import io.streampatterns.core.dlq.DeadLetterRecord;
import io.streampatterns.core.dlq.DlqReason;
import io.streampatterns.harness.conformance.ConformanceCheck;
import io.streampatterns.harness.conformance.ConformanceEnvironment;
import io.streampatterns.harness.conformance.DeadLetterLocation;
import io.streampatterns.harness.conformance.DlqVerdict;
import io.streampatterns.harness.conformance.Outcome;
import io.streampatterns.harness.conformance.OutputReaders;
import io.streampatterns.harness.conformance.PipelineUnderTest;
import io.streampatterns.harness.conformance.RunningJob;
import io.streampatterns.harness.conformance.TestRun;
import io.streampatterns.harness.data.InvalidEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Purpose: a record that makes the pipeline's own transformation throw (not a parse failure: valid
 * input its logic cannot handle) costs that record, not the query. Spark fails a task on an
 * exception, retries it, and then fails the query, so one such record stops a pipeline for good
 * unless its logic is guarded. How: the pipeline runs; valid events, then poison records
 * ({@link PipelineUnderTest#poisonRecord}, seqs from {@value #POISON_FROM}), then more valid events
 * are produced while it runs; it catches up. Pass: the query is still running; every valid event is
 * in the output as the guarantee requires; every poison record is in the dead letter queue, once,
 * with its coordinates, reason TRANSFORMATION_FAILED and a detail naming the exception's class and message.
 */
public final class PoisonRecordCheck implements ConformanceCheck {
    static final long POISON_FROM = 2_000_000;
    private static final Pattern EXCEPTION = Pattern.compile("([a-zA-Z_$][\\w$]*\\.)+[A-Z][\\w$]*(Exception|Error)\\b.*",
            Pattern.DOTALL);
    private static final Duration CATCH_UP = Duration.ofMinutes(2);
    private final int events;
    private final int poison;

    public PoisonRecordCheck(int events, int poison) {
        this.events = events;
        this.poison = poison;
    }

    @Override
    public String name() {
        return "poison";
    }

    @Override
    public String description() {
        return "Records its own transformation throws on go to the DLQ with the exception's class and message; "
                + "the query keeps running and the valid records around them arrive.";
    }

    @Override
    public Optional<String> notApplicableBecause(PipelineUnderTest pipeline) {
        return Checks.requires(pipeline, Capability.GUARDED_TRANSFORMATION, "it runs no per-record logic of its own to guard")
                .or(() -> Checks.requires(pipeline, Capability.DEAD_LETTER_QUEUE, "it has no dead letter queue"))
                .or(() -> Checks.requires(pipeline, Capability.TRACEABLE_RECORDS,
                        "its output records do not carry the input's seq"));
    }

    @Override
    public Outcome run(PipelineUnderTest pipeline, ConformanceEnvironment env) throws Exception {
        TestRun run = env.newRun(pipeline, name());
        DeadLetterLocation dlq = pipeline.deadLetters(run).orElseThrow(() -> new IllegalStateException(
                pipeline.name() + " declares DEAD_LETTER_QUEUE but deadLetters(run) names none"));
        List<InvalidEvents.Sent> sent;
        try (RunningJob running = Checks.start(pipeline, run)) {
            // 1. Valid events, poison records, valid events, while the query runs.
            int half = events / 2;
            pipeline.produce(run, 0, half);
            sent = producePoison(pipeline, run);
            pipeline.produce(run, half, events - half);
            // 2. It catches up, and is still running.
            try {
                running.catchUpWith(env.kafka().endOffsets(run.inputTopic()), CATCH_UP);
            } catch (Exception stopped) {
                return Outcome.fail("the query stopped on a poison record: " + Checks.rootCause(stopped), "query stopped");
            }
            if (!running.query().isActive()) {
                return Outcome.fail("the query is no longer running after the poison records", "query stopped");
            }
        }
        // 3. Valid events in the output, poison records in the DLQ with the exception.
        List<DeadLetterRecord> letters = OutputReaders.deadLetters(env, dlq);
        DlqVerdict verdict = DlqVerdict.of(pipeline.deliveryGuarantee(), 0, events, Checks.outputSeqs(pipeline, run),
                sent, letters, run.inputTopic());
        List<String> unnamed = exceptionsUnnamed(sent, letters);
        String message = verdict.describe() + (unnamed.isEmpty() ? "; each poison record's dead letter names its exception"
                : "; " + String.join("; ", unnamed));
        return Outcome.of(verdict.passed() && unnamed.isEmpty(), "the query kept running; " + message,
                        poison + " poison in DLQ, " + verdict.valid().received() + "/" + events)
                .figure("poison_sent", poison)
                .figure("dead_letters", verdict.deadLetters())
                .figure("sent", events)
                .figure("written", verdict.valid().received())
                .figure("missing", verdict.valid().missing().size())
                .figure("duplicates", verdict.valid().duplicates());
    }

    /** Sends the poison records and returns where each landed. */
    private List<InvalidEvents.Sent> producePoison(PipelineUnderTest pipeline, TestRun run) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (long seq = POISON_FROM; seq < POISON_FROM + poison; seq++) {
            long at = seq;
            records.add(pipeline.poisonRecord(run, seq).orElseThrow(() -> new IllegalStateException(pipeline.name()
                    + " declares GUARDED_TRANSFORMATION but poisonRecord(run, " + at + ") names no record")));
        }
        List<RecordMetadata> landed = Checks.send(run, records);
        List<InvalidEvents.Sent> sent = new ArrayList<>();
        for (int i = 0; i < landed.size(); i++) {
            sent.add(new InvalidEvents.Sent(landed.get(i).partition(), landed.get(i).offset(), POISON_FROM + i,
                    DlqReason.TRANSFORMATION_FAILED));
        }
        return sent;
    }

    /** Dead letters of poison records whose detail names no exception class. */
    private static List<String> exceptionsUnnamed(List<InvalidEvents.Sent> sent, List<DeadLetterRecord> letters) {
        List<String> problems = new ArrayList<>();
        for (InvalidEvents.Sent poison : sent) {
            letters.stream()
                    .filter(l -> l.sourcePartition() == poison.partition() && l.sourceOffset() == poison.offset())
                    .filter(l -> l.detail() == null || !EXCEPTION.matcher(l.detail()).matches())
                    .findFirst()
                    .ifPresent(l -> problems.add("dead letter for poison seq " + poison.seq() + " has detail '" + l.detail()
                            + "', expected the exception's class and message"));
            if (problems.size() >= 3) {
                break;
            }
        }
        return problems;
    }
}
