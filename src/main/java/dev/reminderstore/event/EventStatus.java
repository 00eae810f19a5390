package dev.reminderstore.event;

import java.time.Instant;
import java.util.List;

/**
 * Who answered: counts among the guild's non-bot members, and one page of the ids of those still missing.
 *
 * @param nextCursor the cursor of the next page of missing ids; null on the last page
 */
public record EventStatus(String messageId, int responded, int missing, int total, List<String> missingUserIds,
                          String nextCursor, Instant nextReminderAt) {
}
