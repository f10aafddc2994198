package io.streampatterns.chaos.scenario;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a step does to its target. A <em>fault</em> breaks something (the report measures the time
 * from it to the output growing again); the others repair or wait.
 */
public enum FaultAction {
    /** SIGKILL: a broker or the driver dies at once, as in a machine crash. */
    KILL("kill", true, "SIGKILL"),
    /** SIGTERM: a broker shuts down cleanly, moving its leaderships away first. */
    STOP("stop", true, "SIGTERM"),
    /** SIGSTOP: a broker freezes with its sockets open, like a long GC pause. */
    PAUSE("pause", true, "SIGSTOP"),
    /** SIGCONT: a paused broker carries on. */
    RESUME("resume", false, "SIGCONT"),
    /**
     * Starts a killed or stopped broker again and waits until it serves; or starts the driver again from
     * its checkpoint and waits until it has committed a batch (at most 60 s), so that the next step
     * strikes a pipeline that works again.
     */
    START("start", false, null),
    /** Waits until every partition of the run's topics has all its replicas in sync again. */
    AWAIT("await", false, null);

    private final String word;
    private final boolean fault;
    private final String signal;

    FaultAction(String word, boolean fault, String signal) {
        this.word = word;
        this.fault = fault;
        this.signal = signal;
    }

    /** The signal this action sends its process ({@code SIGKILL}, ...); empty for one that sends none. */
    public Optional<String> signal() {
        return Optional.ofNullable(signal);
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
