package io.streampatterns.chaos;

import io.streampatterns.harness.settings.EnvironmentSettings;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a chaos run is sized and seeded.
 *
 * @param seed decides every random choice of every scenario (and the events' content): the same seed
 *     repeats the same plan
 * @param rate input records produced per second
 * @param maxOffsetsPerTrigger the batch cap given to patterns that take one, so a backlog built up
 *     while the driver was down drains in bounded batches
 * @param trigger the micro-batch trigger interval
 * @param catchUpTimeout how long the pipeline may take, after production stopped, to commit everything
 * @param pipelineKafkaOptions Kafka client properties handed to the pattern under test (its source and
 *     sink clients), e.g. to try a timeout without editing the pattern; empty to run it as it is
 */
public record ChaosSettings(long seed, int rate, long maxOffsetsPerTrigger, Duration trigger, Duration catchUpTimeout,
                            Map<String, String> pipelineKafkaOptions) {

    public static final int DEFAULT_RATE = 500;
    public static final long DEFAULT_CAP = 5_000;
    public static final Duration DEFAULT_TRIGGER = Duration.ofSeconds(1);
    public static final Duration DEFAULT_CATCH_UP = Duration.ofSeconds(180);

    public ChaosSettings {
        if (rate <= 0) {
            throw new IllegalArgumentException("CHAOS_RATE: expected records per second above 0, got " + rate);
        }
        pipelineKafkaOptions = Map.copyOf(pipelineKafkaOptions);
    }

    /** The defaults with {@code seed}. */
    public static ChaosSettings withSeed(long seed) {
        return new ChaosSettings(seed, DEFAULT_RATE, DEFAULT_CAP, DEFAULT_TRIGGER, DEFAULT_CATCH_UP, Map.of());
    }

    /**
     * From the environment: {@code CHAOS_SEED} (a number; default a new random one, printed so that the
     * run can be repeated), {@code CHAOS_RATE} (records per second, default {@value #DEFAULT_RATE}) and
     * {@code CHAOS_KAFKA_OPTIONS} ({@code name=value,...}: Kafka client properties for the pattern under test,
     * e.g. {@code default.api.timeout.ms=10000,request.timeout.ms=5000}).
     *
     * @throws IllegalArgumentException naming the variable when a value is not what it should be
     */
    public static ChaosSettings fromEnvironment(Map<String, String> environment) {
        EnvironmentSettings env = new EnvironmentSettings(environment);
        long seed = env.wholeNumber("CHAOS_SEED", Math.abs(ThreadLocalRandom.current().nextLong() % 1_000_000_000L));
        int rate = Math.toIntExact(env.wholeNumber("CHAOS_RATE", 1, Integer.MAX_VALUE, DEFAULT_RATE));
        return new ChaosSettings(seed, rate, DEFAULT_CAP, DEFAULT_TRIGGER, DEFAULT_CATCH_UP,
                env.pairs("CHAOS_KAFKA_OPTIONS", ","));
    }
}
