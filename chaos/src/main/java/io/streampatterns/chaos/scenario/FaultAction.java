package io.streampatterns.chaos.scenario;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a step does to its target. A <em>fault</em> breaks something (the report measures the time
 * from it to the output growing again); the others repair or wait.
 */
public enum FaultAction {
    /** SIGKILL: a broker or the driver dies at once, as in a machine crash. */
    KILL("kill", true),
    /** SIGTERM: a broker shuts down cleanly, moving its leaderships away first. */
    STOP("stop", true),
    /** SIGSTOP: a broker freezes with its sockets open, like a long GC pause. */
    PAUSE("pause", true),
    /** SIGCONT: a paused broker carries on. */
    RESUME("resume", false),
    /**
     * Starts a killed or stopped broker again and waits until it serves; or starts the driver again from
     * its checkpoint and waits until it has committed a batch (at most 60 s), so that the next step
     * strikes a pipeline that works again.
     */
    START("start", false),
    /** Waits until every partition of the run's topics has all its replicas in sync again. */
    AWAIT("await", false);

    private final String word;
    private final boolean fault;

    FaultAction(String word, boolean fault) {
        this.word = word;
        this.fault = fault;
    }

    /** The word in a scenario script. */
    public String word() {
        return word;
    }

    /** Whether this step breaks something, so the report measures the recovery from it. */
    public boolean isFault() {
        return fault;
    }

    static Optional<FaultAction> ofWord(String word) {
        return Arrays.stream(values()).filter(a -> a.word.equals(word)).findFirst();
    }
}
