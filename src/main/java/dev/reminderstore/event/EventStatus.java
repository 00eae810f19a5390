package dev.reminderstore.event;

import java.time.Instant;
import java.util.List;

/** Who answered: counts among the guild's non-bot members, and the ids of those still missing. */
public record EventStatus(String messageId, int responded, int missing, int total, List<String> missingUserIds,
                          Instant nextReminderAt) {
}
