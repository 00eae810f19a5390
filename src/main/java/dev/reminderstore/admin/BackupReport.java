package dev.reminderstore.admin;

import java.util.List;

/** A backup just taken, the answer of its {@code quick_check}, and the old backups deleted by the retention. */
public record BackupReport(BackupFile backup, String quickCheck, long durationMs, List<String> deleted) {
}
