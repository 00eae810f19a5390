package dev.reminderstore.admin;

import java.util.Map;

/**
 * What {@code GET /api/v1/admin/database} reports. {@code databaseKind} is sqlite or postgresql; the file, WAL
 * and page figures are SQLite's and null on PostgreSQL (and the sizes in memory); {@code databaseBytes} on
 * PostgreSQL is {@code pg_database_size}, {@code path} the database name. {@code instanceId} names this process among
 * the instances sharing the database: the {@code claimedBy} of the reminders it claims.
 */
public record DatabaseInfo(String databaseKind, String serverVersion, String path, Long databaseBytes, Long walBytes,
                           Long pageSize, Long pageCount, Long freelistCount, String journalMode, String sqliteVersion,
                           Map<String, Long> rowCounts, String schemaVersion,
                           String instanceId) {
}
