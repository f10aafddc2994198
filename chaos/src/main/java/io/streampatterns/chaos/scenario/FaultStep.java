package io.streampatterns.chaos.scenario;

/**
 * One step of a scenario: when, what, to which target, e.g. {@code at 8s..14s kill broker:controller}.
 *
 * @param when when it happens
 * @param action what it does
 * @param target what it acts on
 */
public record FaultStep(StepTime when, FaultAction action, FaultTarget target) {

    public FaultStep {
        if (!target.kind().actions().contains(action)) {
            throw new IllegalArgumentException("cannot " + action.word() + " " + target + ": it accepts "
                    + target.kind().actions().stream().map(FaultAction::word).toList());
        }
    }

    /** As a script writes it. */
    @Override
    public String toString() {
        return when + " " + action.word() + " " + target;
    }
}
