package dev.reminderstore.reminder;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A log row as the API shows it; {@code claimedBy} is the instance that claimed (or took over) the reminder. */
public record ReminderLogView(long id, String messageId, Instant scheduledAt, @Schema(nullable = true) Instant sentAt, int usersNotified,
                              ReminderStatus status, @Schema(nullable = true) String errorMessage,
                              @Schema(nullable = true) String claimedBy, Instant createdAt, Instant updatedAt) {

    public static ReminderLogView of(ReminderLog log, long messageId) {
        return new ReminderLogView(log.id, Long.toString(messageId), log.scheduledAt, log.sentAt, log.usersNotified,
                log.status, log.errorMessage, log.claimedBy, log.createdAt, log.updatedAt);
    }
}
