package dev.reminderstore.admin;

import java.time.Instant;

/** One backup in BACKUP_DIR: its name (made by the service), size and the time it was taken. */
public record BackupFile(String name, long sizeBytes, Instant createdAt) {
}
