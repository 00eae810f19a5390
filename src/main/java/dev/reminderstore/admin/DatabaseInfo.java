package dev.reminderstore.admin;

import java.util.Map;

/** What {@code GET /api/v1/admin/database} reports; sizes are null when the database is not a file. */
public record DatabaseInfo(String path, Long databaseBytes, Long walBytes, long pageSize, long pageCount,
                           long freelistCount, String journalMode, String sqliteVersion, Map<String, Long> rowCounts,
                           String schemaVersion) {
}
