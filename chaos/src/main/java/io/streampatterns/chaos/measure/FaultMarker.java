package io.streampatterns.chaos.measure;

/**
 * A moment on a scenario's timeline where something was done to the system.
 *
 * @param atMillis milliseconds since production started
 * @param label what happened, e.g. {@code kill broker 2 (controller)}
 * @param fault whether it broke something (kill, stop, pause, an unplanned driver crash) rather than
 *     repaired it; recovery is measured from faults
 */
public record FaultMarker(long atMillis, String label, boolean fault) {
}
