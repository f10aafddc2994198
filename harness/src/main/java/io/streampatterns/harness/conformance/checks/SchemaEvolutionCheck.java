package io.streampatterns.harness.conformance.checks;

import io.streampatterns.core.Capability;
import io.streampatterns.core.dlq.DeadLetterRecord;
import io.streampatterns.core.dlq.DlqReason;
import io.streampatterns.harness.conformance.ConformanceCheck;
import io.streampatterns.harness.conformance.ConformanceEnvironment;
import io.streampatterns.harness.conformance.DeadLetterLocation;
import io.streampatterns.harness.conformance.DeliveryVerdict;
import io.streampatterns.harness.conformance.Outcome;
import io.streampatterns.harness.conformance.OutputReaders;
import io.streampatterns.harness.conformance.PipelineUnderTest;
import io.streampatterns.harness.conformance.RunningJob;
import io.streampatterns.harness.conformance.TestRun;
import io.streampatterns.harness.data.EventGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Purpose: producers move to a newer shape of their events (a field more) while the pipeline runs,
 * and some go back to the old one; a pipeline must take both as the valid records they are. A
 * strict parser that refuses what it does not know dead-letters every new record; one whose
 * schema is looked up once may drop them. How: a third of the events in the old shape, processed;
 * a third as {@link PipelineUnderTest#evolvedInputRecord} (field {@value EventGenerator#ADDED_FIELD}
 * added); the last third in the old shape again; caught up. Pass: every event is in the output as
 * the guarantee requires (or every window counts them, for aggregates); no dead letter (but those
 * a rule of the pipeline routes there, REJECTED_BY_RULE, whatever the shape); and for a
 * pipeline declaring KEEPS_UNKNOWN_FIELDS, each new-shape record's output holds the added field's
 * value and no old-shape record's output holds the field.
 */
public final class SchemaEvolutionCheck implements ConformanceCheck {
    private static final Duration CATCH_UP = Duration.ofMinutes(3);
    private final int events;

    public SchemaEvolutionCheck(int events) {
        this.events = events;
    }

    @Override
    public String name() {
        return "schema-evolution";
    }

    @Override
    public String description() {
        return "Producers add a field mid-stream, then send the old shape again: nothing valid is dead-lettered or "
                + "lost, and a pipeline keeping unknown fields shows the new one.";
    }

    @Override
    public Optional<String> notApplicableBecause(PipelineUnderTest pipeline) {
        return Checks.requiresSeqsOrAggregates(pipeline);
    }

    @Override
    public Outcome run(PipelineUnderTest pipeline, ConformanceEnvironment env) throws Exception {
        TestRun run = env.newRun(pipeline, name());
        long evolvedFrom = events / 3;
        long evolvedTo = 2L * events / 3;
        try (RunningJob running = Checks.start(pipeline, run)) {
            // 1. The old shape, processed.
            pipeline.produce(run, 0, (int) evolvedFrom);
            running.catchUpWith(env.kafka().endOffsets(run.inputTopic()), CATCH_UP);
            // 2. The new shape, then the old one again, while the query runs; caught up.
            List<ProducerRecord<byte[], byte[]>> evolved = new ArrayList<>();
            for (long seq = evolvedFrom; seq < evolvedTo; seq++) {
                evolved.add(pipeline.evolvedInputRecord(run, seq));
            }
            Checks.send(run, evolved);
            pipeline.produce(run, evolvedTo, (int) (events - evolvedTo));
            running.catchUpWith(env.kafka().endOffsets(run.inputTopic()), CATCH_UP);
        }
        String how = "seqs " + evolvedFrom + ".." + (evolvedTo - 1) + " with " + EventGenerator.ADDED_FIELD
                + ", the rest without; ";
        List<String> deadLettered = deadLettered(pipeline, run, env);
        String dead = deadLettered.isEmpty() ? "" : deadLettered.size() + " valid records dead-lettered ("
                + String.join("; ", deadLettered.subList(0, Math.min(3, deadLettered.size()))) + "); ";
        // 3. Aggregates: every window counts every event, whichever its shape.
        if (pipeline.capabilities().contains(Capability.WINDOWED_AGGREGATES)) {
            Outcome windows = Checks.aggregatesOutcome(run, env, pipeline.aggregates(run).orElseThrow(() ->
                    new IllegalStateException(pipeline.name() + " declares WINDOWED_AGGREGATES but aggregates(run) describes none")),
                    how + dead);
            return deadLettered.isEmpty() ? windows : Outcome.fail(windows.message(), deadLettered.size() + " dead-lettered");
        }
        // 3. Records: all there, none dead-lettered, and the new field where the pipeline keeps it.
        DeliveryVerdict verdict = DeliveryVerdict.of(pipeline.deliveryGuarantee(), 0, events, Checks.outputSeqs(pipeline, run));
        Optional<KeptFields> kept = pipeline.capabilities().contains(Capability.KEEPS_UNKNOWN_FIELDS)
                ? Optional.of(KeptFields.of(OutputReaders.textsBySeq(env, pipeline.output(run)), evolvedFrom, evolvedTo))
                : Optional.empty();
        boolean passed = verdict.passed() && deadLettered.isEmpty() && kept.map(KeptFields::passed).orElse(true);
        Outcome outcome = Outcome.of(passed, how + dead + kept.map(k -> k.describe() + "; ").orElse("")
                        + pipeline.deliveryGuarantee() + ": " + verdict.describe(),
                Checks.received(verdict.received(), events, verdict.duplicates())
                        + (deadLettered.isEmpty() ? "" : ", " + deadLettered.size() + " dead-lettered")
                        + kept.map(k -> ", field kept " + k.kept() + "/" + (evolvedTo - evolvedFrom)).orElse(""))
                .figure("sent", events)
                .figure("sent_with_added_field", evolvedTo - evolvedFrom)
                .figure("written", verdict.received())
                .figure("missing", verdict.missing().size())
                .figure("duplicates", verdict.duplicates())
                .figure("dead_lettered", deadLettered.size());
        return kept.map(k -> outcome.figure("added_field_kept", k.kept()).figure("added_field_leaked", k.leaked()))
                .orElse(outcome);
    }

    /**
     * The dead letters of this run, each as reason and detail: every one is a valid record refused,
     * but for those a rule of the pipeline routed there on purpose (REJECTED_BY_RULE: routing's error events).
     */
    private static List<String> deadLettered(PipelineUnderTest pipeline, TestRun run, ConformanceEnvironment env) {
        Optional<DeadLetterLocation> dlq = pipeline.deadLetters(run);
        if (dlq.isEmpty()) {
            return List.of();
        }
        return OutputReaders.deadLetters(env, dlq.get()).stream()
                .filter(letter -> letter.reason() != DlqReason.REJECTED_BY_RULE)
                .map(SchemaEvolutionCheck::describe)
                .collect(Collectors.toList());
    }

    private static String describe(DeadLetterRecord letter) {
        return "partition " + letter.sourcePartition() + " offset " + letter.sourceOffset() + ": " + letter.reason()
                + " " + letter.detail();
    }

    /**
     * Where the added field is in the output: {@code kept} of the new-shape records hold its value,
     * {@code leaked} old-shape records hold the field although they were sent without it.
     */
    record KeptFields(long kept, long expected, long leaked, List<Long> notKept) {
        static KeptFields of(Map<Long, String> texts, long from, long to) {
            long kept = 0;
            long leaked = 0;
            List<Long> notKept = new ArrayList<>();
            for (Map.Entry<Long, String> output : texts.entrySet()) {
                long seq = output.getKey();
                boolean evolved = seq >= from && seq < to;
                if (evolved && holdsValue(output.getValue(), seq)) {
                    kept++;
                } else if (evolved) {
                    notKept.add(seq);
                } else if (output.getValue().contains(EventGenerator.ADDED_FIELD)) {
                    leaked++;
                }
            }
            return new KeptFields(kept, to - from, leaked, notKept.stream().sorted().limit(3).toList());
        }

        /** The value, not followed by a digit (cpn-12 is not cpn-123), and the field's name. */
        private static boolean holdsValue(String text, long seq) {
            return text.contains(EventGenerator.ADDED_FIELD)
                    && Pattern.compile(Pattern.quote(EventGenerator.addedFieldValue(seq)) + "(?!\\d)").matcher(text).find();
        }

        boolean passed() {
            return kept == expected && leaked == 0;
        }

        String describe() {
            return EventGenerator.ADDED_FIELD + " kept in " + kept + " of " + expected + " records sent with it"
                    + (notKept.isEmpty() ? "" : " (not in seq " + notKept.stream().map(String::valueOf)
                            .collect(Collectors.joining(", ")) + ")")
                    + (leaked == 0 ? "" : ", and in " + leaked + " records sent without it");
        }
    }
}
