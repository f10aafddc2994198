package io.streampatterns.patterns.realtime;

import io.streampatterns.core.Pipeline;
import io.streampatterns.core.TriggerPolicy;
import io.streampatterns.core.kafka.KafkaSink;
import io.streampatterns.core.kafka.KafkaSource;
import io.streampatterns.patterns.JsonPatternBuilder;
import io.streampatterns.patterns.PatternBuilder;
import java.time.Duration;

/**
 * The options of a pattern that runs only in Real-Time Mode, on top of the shared ones of
 * {@link PatternBuilder} and the event schema of {@link JsonPatternBuilder}, and the pipeline
 * Real-Time Mode needs: a real-time trigger (checkpointed
 * every {@link #DEFAULT_CHECKPOINT_INTERVAL} unless set), output mode update, no batch cap, and
 * {@link RealTimeModeRequirements} checked at build and again at start.
 *
 * @param <B> the pattern's own builder
 */
public abstract class RealTimePatternBuilder<B extends RealTimePatternBuilder<B>> extends JsonPatternBuilder<B> {
    /**
     * Not a latency: records flow as they arrive. Each interval ends a long-running batch, and a
     * crash replays up to one interval of records, so a minute is smooth and bounds the duplicates.
     */
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofMinutes(1);

    private Integer taskSlots;

    protected RealTimePatternBuilder() {
        super(TriggerPolicy.realTime(DEFAULT_CHECKPOINT_INTERVAL));
    }

    /**
     * How often progress is checkpointed: at least Spark's {@value RealTimeModeRequirements#MIN_BATCH_DURATION_CONF}
     * (5 s by default), {@link #DEFAULT_CHECKPOINT_INTERVAL} unless set. The same as
     * {@code trigger(TriggerPolicy.realTime(interval))}; any other kind of trigger is refused.
     */
    public B checkpointInterval(Duration interval) {
        return trigger(TriggerPolicy.realTime(interval));
    }

    /**
     * The application's task slots, taken as given instead of counted when the query starts: for a
     * cluster whose executors may still be registering, where the count would be too low.
     */
    public B taskSlots(int slots) {
        this.taskSlots = slots;
        return self();
    }

    /** The shared pipeline, reading {@code source} and writing {@code sink} in Real-Time Mode. */
    protected final Pipeline.Builder realTimePipeline(String defaultNamePrefix, KafkaSource source, KafkaSink sink) {
        Pipeline.Builder pipeline = pipeline(defaultNamePrefix).source(source).sink(sink);
        pipeline.require(taskSlots == null || taskSlots > 0, "taskSlots: expected a positive number, got " + taskSlots);
        RealTimeModeRequirements requirements = taskSlots == null || taskSlots <= 0
                ? new RealTimeModeRequirements() : new RealTimeModeRequirements().withTaskSlots(taskSlots);
        return requirements.applyTo(pipeline, source, sink, resolvedTrigger());
    }
}
