package dev.reminderstore.admin;

import java.util.List;

/**
 * The answer of {@code PRAGMA integrity_check} ("ok", or one line per problem) and of {@code PRAGMA foreign_key_check}
 * (one entry per row whose parent is missing).
 */
public record IntegrityReport(boolean ok, List<String> integrity, List<ForeignKeyViolation> foreignKeyViolations,
                              long durationMs) {

    /** A row of {@code table} whose foreign key (number {@code constraintIndex}) points at a missing {@code parent} row. */
    public record ForeignKeyViolation(String table, Long rowid, String parent, int constraintIndex) {
    }
}
