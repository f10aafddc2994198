package io.streampatterns.harness.data;

import java.time.Instant;
import java.util.Locale;

/**
 * One generated event. {@code seq} numbers events from 0 and is what the checks count: each seq
 * produced must be in the output, once.
 */
public record Event(long seq, String eventId, String userId, String eventType, String priority,
                    double amount, Instant eventTime) {

    /** The event as the JSON a producer sends. */
    /** The same event with another priority (a value the schema accepts, which logic downstream may not). */
    public Event withPriority(String newPriority) {
        return new Event(seq, eventId, userId, eventType, newPriority, amount, eventTime);
    }

    public String toJson() {
        return String.format(Locale.ROOT,
                "{\"event_id\":\"%s\",\"user_id\":\"%s\",\"event_type\":\"%s\",\"priority\":\"%s\","
                        + "\"amount\":%.2f,\"event_time\":\"%s\",\"seq\":%d}",
                eventId, userId, eventType, priority, amount, eventTime, seq);
    }
}
