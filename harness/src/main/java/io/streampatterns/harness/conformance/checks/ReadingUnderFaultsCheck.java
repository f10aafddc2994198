package io.streampatterns.harness.conformance.checks;

import io.streampatterns.core.Capability;
import io.streampatterns.harness.conformance.ConformanceCheck;
import io.streampatterns.harness.conformance.ConformanceEnvironment;
import io.streampatterns.harness.conformance.DeliveryVerdict;
import io.streampatterns.harness.conformance.Outcome;
import io.streampatterns.harness.conformance.PipelineUnderTest;
import io.streampatterns.harness.conformance.RunningJob;
import io.streampatterns.harness.conformance.TestRun;
import io.streampatterns.harness.driver.DriverProcess;
import io.streampatterns.harness.kafka.KafkaCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purpose: what downstream readers see while faults happen, not only what the output holds at the
 * end. A duplicate a read_committed consumer was shown once cannot be taken back by a later
 * compaction or deduplication; a pipeline stalled for a minute behind a bounced broker is an outage
 * even if it catches up. How: a {@link LiveReader} reads the output from the start; the pipeline
 * runs in a child JVM under a steady load; the broker is stopped and restarted (on embedded brokers
 * the kit owns, all of them at once: a full outage; skipped, and said so, on a cluster it does not
 * own); once the reader sees records again the driver is killed with SIGKILL mid-batch and
 * restarted here; the load stops; the reader is given time to see everything. Pass: what the
 * reader saw holds the guarantee: every seq, and for an exactly-once claim none twice, ever. The
 * report keeps the reader's timeline (records seen per second, with the faults marked) and the
 * longest time it saw nothing new.
 */
public final class ReadingUnderFaultsCheck implements ConformanceCheck {
    private static final Logger LOG = LoggerFactory.getLogger(ReadingUnderFaultsCheck.class);
    private static final Duration OUTAGE = Duration.ofSeconds(1);
    private static final Duration RESUME = Duration.ofMinutes(2);
    private static final Duration AFTER_RESTART = Duration.ofSeconds(1);
    private final int eventsPerSecond;
    private final long cap;

    public ReadingUnderFaultsCheck(int eventsPerSecond, long cap) {
        this.eventsPerSecond = eventsPerSecond;
        this.cap = cap;
    }

    @Override
    public String name() {
        return "reading-under-faults";
    }

    @Override
    public String description() {
        return "A downstream reader (read_committed) reads the output while the broker bounces and the driver is killed: "
                + "what it saw, as it saw it, holds the guarantee; its timeline is in the report.";
    }

    @Override
    public Optional<String> notApplicableBecause(PipelineUnderTest pipeline) {
        return Checks.requiresRestartAndSeqs(pipeline);
    }

    @Override
    public Outcome run(PipelineUnderTest pipeline, ConformanceEnvironment env) throws Exception {
        Optional<Outcome> unrestartable = Checks.unrestartable(pipeline);
        if (unrestartable.isPresent()) {
            return unrestartable.get();
        }
        TestRun run = env.newRun(pipeline, name());
        TestRun capped = pipeline.capabilities().contains(Capability.CAPPED_BATCHES) ? run.withMaxOffsetsPerTrigger(cap) : run;
        Map<String, Long> faults = new LinkedHashMap<>();
        long sent;
        List<LiveReader.Seen> seen;
        SteadyLoad load = null;
        try (LiveReader reader = LiveReader.of(env, pipeline.output(capped))) {
            try (DriverProcess driver = DriverProcess.start(pipeline, capped)) {
                // 1. A second's events; once the reader sees the first, the steady load starts (not before:
                //    a driver JVM takes a while to start, and a backlog would only lengthen the run).
                pipeline.produce(capped, 0, eventsPerSecond);
                reader.awaitCount(1, RESUME);
                LOG.info("{}: the reader saw its first record at {} s", pipeline.name(), reader.millisNow() / 1000.0);
                load = SteadyLoad.start(pipeline, capped, eventsPerSecond, eventsPerSecond);
                Thread.sleep(1_500); // the load's producer is up before the brokers go down
                // 2. The brokers bounce; the reader sees records again.
                if (env.kafka() instanceof KafkaCluster cluster) {
                    mark(faults, pipeline, "brokers stopped", reader.millisNow());
                    cluster.nodeIds().forEach(cluster::stop);
                    Thread.sleep(OUTAGE.toMillis());
                    cluster.nodeIds().forEach(cluster::restart);
                    mark(faults, pipeline, "brokers back", reader.millisNow());
                    reader.awaitCount(reader.seen().size() + 1, RESUME);
                    LOG.info("{}: the reader sees records again at {} s", pipeline.name(), reader.millisNow() / 1000.0);
                }
                // 3. The driver is killed mid-batch.
                MidBatchKill kill = MidBatchKill.during(driver, capped, pipeline.output(capped));
                mark(faults, pipeline, "driver killed", reader.millisNow());
                if (!kill.killed()) {
                    return Outcome.fail("the driver JVM died by itself before it could be killed:\n" + driver.tail(),
                            "driver died");
                }
            }
            // 4. Restarted here; the load stops once it runs; the reader sees everything.
            mark(faults, pipeline, "driver restarted", reader.millisNow());
            try (RunningJob running = Checks.start(pipeline, capped)) {
                Thread.sleep(AFTER_RESTART.toMillis());
                sent = eventsPerSecond + load.stop();
                LOG.info("{}: load stopped at {} s after {} events", pipeline.name(), reader.millisNow() / 1000.0, sent);
                running.catchUpWith(env.kafka().endOffsets(run.inputTopic()), RESUME);
                reader.awaitSeqs(0, sent, Duration.ofSeconds(30));
                LOG.info("{}: caught up at {} s, the reader saw {} records", pipeline.name(), reader.millisNow() / 1000.0,
                        reader.seen().size());
            }
            seen = reader.seen();
        } finally {
            if (load != null) {
                load.close();
            }
        }
        return verdict(pipeline, sent, seen, faults);
    }

    /** Notes when {@code fault} happened on the reader's clock, and says so in the log. */
    private static void mark(Map<String, Long> faults, PipelineUnderTest pipeline, String fault, long atMillis) {
        LOG.info("{}: {} at {} s of the reader's timeline", pipeline.name(), fault, atMillis / 1000.0);
        faults.put(fault, atMillis);
    }

    /** What the reader saw against the guarantee, with its timeline. */
    private Outcome verdict(PipelineUnderTest pipeline, long sent, List<LiveReader.Seen> seen, Map<String, Long> faults) {
        DeliveryVerdict verdict = DeliveryVerdict.of(pipeline.deliveryGuarantee(), 0, sent,
                seen.stream().mapToLong(LiveReader.Seen::seq).toArray());
        Timeline timeline = Timeline.of(seen, faults);
        String when = timeline.firstDuplicate().map(d -> "; first seen twice: " + d).orElse("");
        String bounce = faults.containsKey("brokers stopped") ? "brokers bounced, " : "brokers not bounced (not the kit's own), ";
        Outcome outcome = Outcome.of(verdict.passed(), "a read_committed reader through the faults (" + bounce
                        + "driver killed mid-batch) saw " + seen.size() + " records, nothing new for at most "
                        + timeline.longestGapMillis() / 1000.0 + " s; " + pipeline.deliveryGuarantee() + ": "
                        + verdict.describe() + when,
                Checks.received(verdict.received(), sent, verdict.duplicates()) + " seen")
                .figure("sent", sent)
                .figure("seen", verdict.received())
                .figure("missing", verdict.missing().size())
                .figure("duplicates_seen", verdict.duplicates())
                .figure("longest_gap_ms", timeline.longestGapMillis())
                .figure("seen_per_second", timeline.perSecond());
        faults.forEach((fault, at) -> outcome.figure(faultFigure(fault), at));
        return outcome;
    }

    /** The figure holding when {@code fault} happened, in the reader's milliseconds: {@code fault_at_ms_driver_killed}. */
    public static String faultFigure(String fault) {
        return "fault_at_ms_" + fault.replace(' ', '_');
    }

    /** The reader's view over time. */
    record Timeline(List<Long> perSecond, long longestGapMillis, Optional<String> firstDuplicate) {
        static Timeline of(List<LiveReader.Seen> seen, Map<String, Long> faults) {
            List<Long> perSecond = new ArrayList<>();
            Map<Long, Long> firstSeen = new HashMap<>();
            Optional<String> duplicate = Optional.empty();
            long gap = 0;
            long previous = seen.isEmpty() ? 0 : seen.get(0).atMillis();
            for (LiveReader.Seen s : seen) {
                int second = (int) (s.atMillis() / 1000);
                while (perSecond.size() <= second) {
                    perSecond.add(0L);
                }
                perSecond.set(second, perSecond.get(second) + 1);
                gap = Math.max(gap, s.atMillis() - previous);
                previous = s.atMillis();
                Long first = firstSeen.putIfAbsent(s.seq(), s.atMillis());
                if (first != null && duplicate.isEmpty()) {
                    duplicate = Optional.of("seq " + s.seq() + " at " + first / 1000.0 + " s and " + s.atMillis() / 1000.0
                            + " s" + after(faults, s.atMillis()));
                }
            }
            return new Timeline(perSecond, gap, duplicate);
        }

        /** The last fault before {@code atMillis}, to say what a duplicate followed. */
        private static String after(Map<String, Long> faults, long atMillis) {
            String last = "";
            for (Map.Entry<String, Long> fault : faults.entrySet()) {
                if (fault.getValue() <= atMillis) {
                    last = ", after '" + fault.getKey() + "' at " + fault.getValue() / 1000.0 + " s";
                }
            }
            return last;
        }
    }
}
