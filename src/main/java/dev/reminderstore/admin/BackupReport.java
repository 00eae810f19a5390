package dev.reminderstore.admin;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * A backup just taken, the answer of its {@code quick_check}, and the old backups deleted by the retention.
 *
 * <p>Sent inside a {@code Response} (201), which Quarkus REST cannot see at build time: registered for the native image.
 */
@RegisterForReflection
public record BackupReport(BackupFile backup, String quickCheck, long durationMs, List<String> deleted) {
}
