package io.streampatterns.core;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Thrown before any query starts when a pipeline's configuration is wrong.
 *
 * <p>It carries every problem found, not only the first, so that one run shows a user all they
 * must fix. Each problem names the option and what was expected.
 */
public final class InvalidPipelineException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    /** @param problems listed once each: a source and a sink that share an option report it alike */
    public InvalidPipelineException(String subject, List<String> problems) {
        this(subject, new LinkedHashSet<>(problems));
    }

    private InvalidPipelineException(String subject, Set<String> distinct) {
        super(subject + " is not valid:\n  - " + String.join("\n  - ", distinct));
        this.problems = List.copyOf(distinct);
    }

    /** Throws when {@code problems} is not empty. */
    public static void throwIfAny(String subject, List<String> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidPipelineException(subject, problems);
        }
    }

    /** The problems, each naming an option and what was expected. */
    public List<String> problems() {
        return problems;
    }
}
