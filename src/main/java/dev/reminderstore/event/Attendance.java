package dev.reminderstore.event;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Who answered an event, computed by the database in one statement: the counts among the guild's non-bot members,
 * and one page of the members still missing (the anti-join of the members against the event's answers in a required
 * emoji), in user id order. The status endpoint and the reminder claim both ask here, so they cannot disagree.
 *
 * <p>Why one statement: it is one round trip and one snapshot (the counts and the page agree), and its cost is two
 * index range scans (user_guild_bot_user_idx over the guild's members, the reaction's unique (event_id, user_id)
 * index per member), which stop once the page is full; the responded count walks the event's answers only, and the
 * missing count is the difference. Not every member and every answer through the ORM. Plain JDBC: it runs on the status path, the hottest read but one.
 *
 * @param missingUserIds the first missing members after the point asked for, as many as asked for at most
 */
public record Attendance(int total, int responded, List<Long> missingUserIds) {

    public int missing() {
        return total - responded;
    }

    /** The statement for an event with {@code emojis} required emojis (the text depends on their number only). */
    public static String sql(int emojis) {
        // CROSS JOIN: SQLite then walks the event's answers and looks each one up in the member index (6x faster
        // than an EXISTS per answer, measured); PostgreSQL plans it as any inner join.
        // "in (null)" matches nothing: with no emoji required, nobody has answered
        String required = emojis == 0 ? "null" : String.join(", ", Collections.nCopies(emojis, "?"));
        return "select counts.total, counts.responded, page.user_id from"
                + " (select (select count(*) from \"user\" where guild_id = ? and is_bot = false) as total,"
                + " (select count(*) from reaction r cross join \"user\" u where r.event_id = ?"
                + " and r.emoji in (" + required + ") and u.guild_id = ? and u.is_bot = false"
                + " and u.user_id = r.user_id) as responded) counts"
                + " left join (select u.user_id from \"user\" u where u.guild_id = ? and u.is_bot = false and u.user_id > ?"
                + " and not exists (select 1 from reaction r where r.event_id = ? and r.user_id = u.user_id"
                + " and r.emoji in (" + required + ")) order by u.user_id limit ?) page on 1 = 1"
                + " order by page.user_id";
    }

    /** Binds {@link #sql}: the first {@code limit} missing members after {@code afterUserId}. */
    public static void bind(PreparedStatement statement, long guildId, long eventId, List<String> emojis, long afterUserId,
                     int limit) throws SQLException {
        int index = 1;
        statement.setLong(index++, guildId);
        statement.setLong(index++, eventId);
        for (String emoji : emojis) {
            statement.setString(index++, emoji);
        }
        statement.setLong(index++, guildId);
        statement.setLong(index++, guildId);
        statement.setLong(index++, afterUserId);
        statement.setLong(index++, eventId);
        for (String emoji : emojis) {
            statement.setString(index++, emoji);
        }
        statement.setInt(index, limit);
    }

    /** The rows of {@link #sql}: one per missing member of the page, or one row of counts alone. */
    static Attendance read(ResultSet rows) throws SQLException {
        int total = 0;
        int responded = 0;
        List<Long> missing = new ArrayList<>();
        while (rows.next()) {
            total = rows.getInt(1);
            responded = rows.getInt(2);
            long userId = rows.getLong(3);
            if (!rows.wasNull()) {
                missing.add(userId);
            }
        }
        return new Attendance(total, responded, List.copyOf(missing));
    }

    /** The first {@code limit} missing members of an event and the counts, on the connection of a transaction. */
    public static Attendance of(Connection connection, Event event, int limit) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql(event.requiredReactions.size()))) {
            bind(statement, event.guildId, event.id, event.requiredReactions, Long.MIN_VALUE, limit);
            try (ResultSet rows = statement.executeQuery()) {
                return read(rows);
            }
        }
    }
}
