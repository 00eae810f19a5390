package dev.reminderstore.event;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record EventView(String messageId, String channelId, String guildId, String title, @Schema(nullable = true) String description,
                        Number intervalMinutes, boolean isPaused, @Schema(nullable = true) Instant lastReminder,
                        @Schema(nullable = true) Instant nextReminderAt,
                        List<String> requiredReactions, long version, Instant createdAt, Instant updatedAt) {

    public static EventView of(Event event) {
        return new EventView(Long.toString(event.messageId), Long.toString(event.channelId), Long.toString(event.guildId),
                event.title, event.description, minutes(event.intervalMinutes), event.isPaused, event.lastReminder,
                event.nextReminderAt, List.copyOf(event.requiredReactions), event.version, event.createdAt, event.updatedAt);
    }

    /** 60 rather than 60.0: whole minutes read as whole numbers. */
    public static Number minutes(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? (Number) (long) value : (Number) value;
    }
}
