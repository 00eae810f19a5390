package dev.reminderstore.migration;

import dev.reminderstore.db.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

/**
 * Batched inserts of whole rows for the two importers, written in foreign-key order on {@link #flush()}.
 *
 * <p>Reactions and reminder logs name their event by message id; events get their generated keys back by
 * selecting them by message id after each batch, which works alike on SQLite and PostgreSQL. Portable SQL only:
 * this is also the way from SQLite to PostgreSQL. In a dry run nothing is written, but the counts are kept.
 */
final class RowInserter implements AutoCloseable {

    /** Rows held before they are written: large enough to amortise a statement, small enough to bound memory. */
    static final int BATCH_SIZE = 1000;
    /** Message ids per key look-up; far below the bind-parameter limits of SQLite and PostgreSQL. */
    private static final int LOOKUP_SIZE = 500;

    private final Connection connection;
    private final boolean dryRun;
    private final PreparedStatement guildInsert;
    private final PreparedStatement userInsert;
    private final PreparedStatement eventInsert;
    private final PreparedStatement reactionInsert;
    private final PreparedStatement reminderLogInsert;
    private final Map<Long, Long> eventIds = new HashMap<>();
    private final List<Long> unresolvedMessageIds = new ArrayList<>();
    private final List<ReactionRow> pendingReactions = new ArrayList<>();
    private final List<ReminderLogRow> pendingReminderLogs = new ArrayList<>();
    private int pending;
    private final Counts counts = new Counts();
    private final Calendar utc = Calendar.getInstance(TimeZone.getTimeZone(ZoneOffset.UTC));

    /** Rows written (or, in a dry run, that would have been). */
    static final class Counts {
        int guilds;
        int users;
        int events;
        int reactions;
        int reminderLogs;
    }

    record EventRow(long messageId, long channelId, long guildId, String title, String description, double intervalMinutes,
                    boolean isPaused, Instant lastReminder, Instant nextReminderAt, String requiredReactionsJson,
                    long version, Instant createdAt, Instant updatedAt) {
    }

    record ReactionRow(long messageId, long userId, String emoji, Instant reactedAt, Instant createdAt, Instant updatedAt) {
    }

    record ReminderLogRow(long messageId, Instant scheduledAt, Instant sentAt, int usersNotified, String status,
                          String errorMessage, Instant createdAt, Instant updatedAt,
                          Long discordChannelId, Long discordMessageId, Instant deleteAt, String claimedBy) {
    }

    /** @param connection the connection to write on; null in a dry run */
    RowInserter(Connection connection) throws SQLException {
        this.connection = connection;
        this.dryRun = connection == null;
        guildInsert = prepare("insert into guild (guild_id, name, settings, created_at, updated_at) values (?, ?, ?, ?, ?)");
        userInsert = prepare("insert into \"user\" (guild_id, user_id, username, is_bot, last_seen, created_at, updated_at)"
                + " values (?, ?, ?, ?, ?, ?, ?)");
        eventInsert = prepare("insert into event (message_id, channel_id, guild_id, title, description, interval_minutes,"
                + " is_paused, last_reminder, next_reminder_at, required_reactions, version, created_at, updated_at)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        reactionInsert = prepare("insert into reaction (event_id, user_id, emoji, reacted_at, created_at, updated_at)"
                + " values (?, ?, ?, ?, ?, ?)");
        reminderLogInsert = prepare("insert into reminderlog (event_id, scheduled_at, sent_at, users_notified, status,"
                + " error_message, created_at, updated_at, discord_channel_id, discord_message_id, delete_at,"
                + " claimed_by, claim_expires_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }

    private PreparedStatement prepare(String sql) throws SQLException {
        return dryRun ? null : connection.prepareStatement(sql);
    }

    Counts counts() {
        return counts;
    }

    void guild(long guildId, String name, String settingsJson, Instant createdAt, Instant updatedAt) throws SQLException {
        counts.guilds++;
        if (!dryRun) {
            guildInsert.setLong(1, guildId);
            guildInsert.setString(2, name);
            guildInsert.setString(3, settingsJson);
            time(guildInsert, 4, createdAt);
            time(guildInsert, 5, updatedAt);
            guildInsert.addBatch();
        }
        added();
    }

    void user(long guildId, long userId, String username, boolean isBot, Instant lastSeen, Instant createdAt, Instant updatedAt)
            throws SQLException {
        counts.users++;
        if (!dryRun) {
            userInsert.setLong(1, guildId);
            userInsert.setLong(2, userId);
            userInsert.setString(3, username);
            userInsert.setBoolean(4, isBot);
            time(userInsert, 5, lastSeen);
            time(userInsert, 6, createdAt);
            time(userInsert, 7, updatedAt);
            userInsert.addBatch();
        }
        added();
    }

    void event(EventRow row) throws SQLException {
        counts.events++;
        if (!dryRun) {
            eventInsert.setLong(1, row.messageId());
            eventInsert.setLong(2, row.channelId());
            eventInsert.setLong(3, row.guildId());
            eventInsert.setString(4, row.title());
            eventInsert.setString(5, row.description());
            eventInsert.setDouble(6, row.intervalMinutes());
            eventInsert.setBoolean(7, row.isPaused());
            time(eventInsert, 8, row.lastReminder());
            time(eventInsert, 9, row.nextReminderAt());
            eventInsert.setString(10, row.requiredReactionsJson());
            eventInsert.setLong(11, row.version());
            time(eventInsert, 12, row.createdAt());
            time(eventInsert, 13, row.updatedAt());
            eventInsert.addBatch();
            unresolvedMessageIds.add(row.messageId());
        }
        added();
    }

    /** A reaction to an event inserted before, in this import. */
    void reaction(ReactionRow row) throws SQLException {
        counts.reactions++;
        if (!dryRun) {
            pendingReactions.add(row);
        }
        added();
    }

    /** A reminder log of an event inserted before, in this import. */
    void reminderLog(ReminderLogRow row) throws SQLException {
        counts.reminderLogs++;
        if (!dryRun) {
            pendingReminderLogs.add(row);
        }
        added();
    }

    private void added() throws SQLException {
        if (++pending >= BATCH_SIZE) {
            flush();
        }
    }

    /** Writes what is held, parents before children. */
    void flush() throws SQLException {
        pending = 0;
        if (dryRun) {
            return;
        }
        guildInsert.executeBatch();
        userInsert.executeBatch();
        eventInsert.executeBatch();
        resolveEventIds();
        for (ReactionRow row : pendingReactions) {
            reactionInsert.setLong(1, eventId(row.messageId()));
            reactionInsert.setLong(2, row.userId());
            reactionInsert.setString(3, row.emoji());
            time(reactionInsert, 4, row.reactedAt());
            time(reactionInsert, 5, row.createdAt());
            time(reactionInsert, 6, row.updatedAt());
            reactionInsert.addBatch();
        }
        reactionInsert.executeBatch();
        pendingReactions.clear();
        for (ReminderLogRow row : pendingReminderLogs) {
            reminderLogInsert.setLong(1, eventId(row.messageId()));
            time(reminderLogInsert, 2, row.scheduledAt());
            time(reminderLogInsert, 3, row.sentAt());
            reminderLogInsert.setInt(4, row.usersNotified());
            reminderLogInsert.setString(5, row.status());
            reminderLogInsert.setString(6, row.errorMessage());
            time(reminderLogInsert, 7, row.createdAt());
            time(reminderLogInsert, 8, row.updatedAt());
            reminderLogInsert.setObject(9, row.discordChannelId(), Types.BIGINT);
            reminderLogInsert.setObject(10, row.discordMessageId(), Types.BIGINT);
            time(reminderLogInsert, 11, row.deleteAt());
            reminderLogInsert.setString(12, row.claimedBy());
            // A pending row arrives with its lease expired (as V3 left older ones): any instance takes it over and
            // delivers it again or records it interrupted, by the redelivery window (docs/reminders.md).
            time(reminderLogInsert, 13, "pending".equals(row.status()) ? row.createdAt() : null);
            reminderLogInsert.addBatch();
        }
        reminderLogInsert.executeBatch();
        pendingReminderLogs.clear();
    }

    /**
     * Binds a time as {@link Jdbc#time} does, with one reused UTC calendar: without one, sqlite-jdbc builds a
     * Calendar for every value, which was most of the import's CPU time. (On SQLite the calendar is not used
     * further: times are stored as epoch milliseconds; on PostgreSQL it says the value is UTC.)
     */
    private void time(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setTimestamp(index, Jdbc.time(instant), utc);
    }

    private long eventId(long messageId) {
        Long id = eventIds.get(messageId);
        if (id == null) {
            throw new IllegalStateException("event " + messageId + " was not inserted before its reactions or logs");
        }
        return id;
    }

    private void resolveEventIds() throws SQLException {
        for (int from = 0; from < unresolvedMessageIds.size(); from += LOOKUP_SIZE) {
            List<Long> chunk = unresolvedMessageIds.subList(from, Math.min(from + LOOKUP_SIZE, unresolvedMessageIds.size()));
            String sql = "select message_id, id from event where message_id in ("
                    + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setLong(i + 1, chunk.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        eventIds.put(rows.getLong(1), rows.getLong(2));
                    }
                }
            }
        }
        unresolvedMessageIds.clear();
    }

    @Override
    public void close() throws SQLException {
        if (dryRun) {
            return;
        }
        for (PreparedStatement statement : List.of(guildInsert, userInsert, eventInsert, reactionInsert, reminderLogInsert)) {
            statement.close();
        }
    }
}
