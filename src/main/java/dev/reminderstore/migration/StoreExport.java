package dev.reminderstore.migration;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reminderstore.db.WriteQueue;
import dev.reminderstore.event.EventView;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;

/**
 * Writes the whole store as a {@link StoreDocument}, row by row straight to the client: memory holds one row.
 *
 * <p>All five tables are read in one read-only transaction, so the document is one consistent moment of the
 * store, and writes go on meanwhile (on SQLite the transaction is a WAL reader, never the writer).
 */
@ApplicationScoped
public class StoreExport {

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;
    private final boolean sqlite;

    public StoreExport(AgroalDataSource dataSource, ObjectMapper json, WriteQueue writeQueue) {
        this.dataSource = dataSource;
        this.json = json;
        this.sqlite = writeQueue.isSingleWriter();
    }

    @FunctionalInterface
    private interface RowWriter {
        void write(ResultSet row, JsonGenerator out) throws SQLException, IOException;
    }

    public void write(OutputStream target) throws IOException {
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection();
             JsonGenerator out = json.createGenerator(target)) {
            inReadTransaction(connection, () -> writeDocument(connection, out));
        } catch (SQLException e) {
            throw new IOException("the export stopped: the store could not be read: " + e.getMessage(), e);
        }
        Log.infof("Exported the store in %d ms", (System.nanoTime() - started) / 1_000_000);
    }

    private void writeDocument(Connection connection, JsonGenerator out) throws SQLException, IOException {
        out.writeStartObject();
        out.writeStringField("format", StoreDocument.FORMAT);
        out.writeNumberField("version", StoreDocument.VERSION);
        section(connection, out, "guilds", "select guild_id, name, settings, created_at, updated_at from guild order by guild_id",
                (row, o) -> {
                    id(o, "guildId", row.getLong(1));
                    o.writeStringField("name", row.getString(2));
                    o.writeFieldName("settings");
                    o.writeTree(json.readTree(row.getString(3)));
                    times(o, row, 4, "createdAt", "updatedAt");
                });
        section(connection, out, "users", "select guild_id, user_id, username, is_bot, last_seen, created_at, updated_at"
                        + " from \"user\" order by guild_id, user_id",
                (row, o) -> {
                    id(o, "guildId", row.getLong(1));
                    id(o, "userId", row.getLong(2));
                    o.writeStringField("username", row.getString(3));
                    o.writeBooleanField("isBot", row.getBoolean(4));
                    times(o, row, 5, "lastSeen", "createdAt", "updatedAt");
                });
        section(connection, out, "events", "select message_id, channel_id, guild_id, title, description, interval_minutes,"
                        + " is_paused, last_reminder, next_reminder_at, required_reactions, version, created_at, updated_at"
                        + " from event order by id",
                (row, o) -> {
                    id(o, "messageId", row.getLong(1));
                    id(o, "channelId", row.getLong(2));
                    id(o, "guildId", row.getLong(3));
                    o.writeStringField("title", row.getString(4));
                    o.writeStringField("description", row.getString(5));
                    o.writeFieldName("intervalMinutes");
                    o.writeObject(EventView.minutes(row.getDouble(6)));
                    o.writeBooleanField("isPaused", row.getBoolean(7));
                    times(o, row, 8, "lastReminder", "nextReminderAt");
                    o.writeFieldName("requiredReactions");
                    o.writeTree(json.readTree(row.getString(10)));
                    o.writeNumberField("version", row.getLong(11));
                    times(o, row, 12, "createdAt", "updatedAt");
                });
        section(connection, out, "reactions", "select e.message_id, r.user_id, r.emoji, r.reacted_at, r.created_at, r.updated_at"
                        + " from reaction r join event e on e.id = r.event_id order by r.event_id, r.user_id",
                (row, o) -> {
                    id(o, "messageId", row.getLong(1));
                    id(o, "userId", row.getLong(2));
                    o.writeStringField("emoji", row.getString(3));
                    times(o, row, 4, "reactedAt", "createdAt", "updatedAt");
                });
        section(connection, out, "reminderLogs", "select e.message_id, l.scheduled_at, l.sent_at, l.users_notified, l.status,"
                        + " l.error_message, l.created_at, l.updated_at, l.discord_channel_id, l.discord_message_id, l.delete_at,"
                        + " l.claimed_by"
                        + " from reminderlog l join event e on e.id = l.event_id order by l.id",
                (row, o) -> {
                    id(o, "messageId", row.getLong(1));
                    times(o, row, 2, "scheduledAt", "sentAt");
                    o.writeNumberField("usersNotified", row.getInt(4));
                    o.writeStringField("status", row.getString(5));
                    o.writeStringField("errorMessage", row.getString(6));
                    times(o, row, 7, "createdAt", "updatedAt");
                    // The posted Discord message and when auto-delete removes it: a moved store still deletes it.
                    nullableId(o, "discordChannelId", row, 9);
                    nullableId(o, "discordMessageId", row, 10);
                    times(o, row, 11, "deleteAt");
                    // The instance that claimed it: history of a sent row; a lease means nothing to another store.
                    o.writeStringField("claimedBy", row.getString(12));
                });
        out.writeEndObject();
    }

    private static void section(Connection connection, JsonGenerator out, String name, String sql, RowWriter rowWriter)
            throws SQLException, IOException {
        out.writeArrayFieldStart(name);
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setFetchSize(1000);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    out.writeStartObject();
                    rowWriter.write(rows, out);
                    out.writeEndObject();
                }
            }
        }
        out.writeEndArray();
    }

    private static void id(JsonGenerator out, String field, long id) throws IOException {
        out.writeStringField(field, Long.toString(id));
    }

    private static void nullableId(JsonGenerator out, String field, ResultSet row, int column) throws SQLException, IOException {
        long id = row.getLong(column);
        out.writeStringField(field, row.wasNull() ? null : Long.toString(id));
    }

    /** Consecutive time columns from {@code firstColumn} on, as ISO-8601 UTC (null stays null). */
    private static void times(JsonGenerator out, ResultSet row, int firstColumn, String... fields) throws SQLException, IOException {
        for (int i = 0; i < fields.length; i++) {
            Timestamp value = row.getTimestamp(firstColumn + i);
            out.writeStringField(fields[i], value == null ? null : value.toInstant().toString());
        }
    }

    @FunctionalInterface
    private interface Reads {
        void run() throws SQLException, IOException;
    }

    /**
     * Runs the reads in one read-only transaction. On SQLite the pool's connections begin their transactions DEFERRED
     * (db/SqliteConfigSourceFactory): the first select makes this one a WAL reader, a snapshot of the moment it began,
     * and it never takes the write lock, so writers go on while a slow client downloads. On PostgreSQL a read-only
     * REPEATABLE READ transaction is the same snapshot.
     */
    private void inReadTransaction(Connection connection, Reads reads) throws SQLException, IOException {
        if (!sqlite) {
            connection.setReadOnly(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        }
        connection.setAutoCommit(false);
        try {
            reads.run();
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
            if (!sqlite) {
                connection.setReadOnly(false);
            }
        }
    }
}
