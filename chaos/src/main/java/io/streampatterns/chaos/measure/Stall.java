package io.streampatterns.chaos.measure;

/**
 * A stretch of a timeline during which input was waiting and the output did not grow.
 *
 * @param fromMillis when the output last grew (or input began to wait), since production started
 * @param toMillis when the output grew again, or the end of the timeline if it never did
 * @param recovered whether the output grew again before the timeline ended
 */
public record Stall(long fromMillis, long toMillis, boolean recovered) {

    /** No stall at all. */
    public static final Stall NONE = new Stall(0, 0, true);

    public long millis() {
        return toMillis - fromMillis;
    }
}
