package dev.reminderstore.reaction;

import dev.reminderstore.config.TimeSource;
import dev.reminderstore.db.Jdbc;
import dev.reminderstore.db.WriteTransaction;
import dev.reminderstore.reminder.ReminderSchedule;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes a group of single answers (set or withdrawn) in one transaction, in plain JDBC with one prepared statement
 * per kind of SQL for the whole group: these are the bot's most frequent writes, one per emoji click.
 * Same effects as the entity code would have: a kept emoji changes nothing, a changed one gets a new reaction time,
 * and an event whose answer was withdrawn or changed is re-armed if it was parked ({@link ReminderSchedule}).
 */
@ApplicationScoped
public class AnswerWriter {

    /** One user's answer set, or withdrawn when {@code emoji} is null. */
    record AnswerChange(long messageId, long userId, String emoji) {
    }

    /** What a change did: nothing when the event is not watched; {@code before} is the answer replaced or withdrawn. */
    record AnswerOutcome(boolean eventWatched, Optional<ReactionView> before, Optional<ReactionView> after) {

        static final AnswerOutcome EVENT_NOT_WATCHED = new AnswerOutcome(false, Optional.empty(), Optional.empty());

        /** An answer withdrawn or changed: its user may be missing now (a new answer never makes anyone missing). */
        boolean takesAnAnswerBack() {
            return before.isPresent() && !before.equals(after);
        }
    }

    private final TimeSource time;
    private final ReminderSchedule reminders;

    public AnswerWriter(TimeSource time, ReminderSchedule reminders) {
        this.time = time;
        this.reminders = reminders;
    }

    @WriteTransaction
    public List<AnswerOutcome> write(List<AnswerChange> changes) {
        Instant now = time.now();
        Set<Long> answersTakenBack = new LinkedHashSet<>();
        List<AnswerOutcome> outcomes = Jdbc.inTransaction(connection -> {
            try (Statements statements = new Statements(connection)) {
                List<AnswerOutcome> done = new ArrayList<>(changes.size());
                for (AnswerChange change : changes) {
                    Optional<Long> eventId = statements.eventId(change.messageId());
                    AnswerOutcome outcome = eventId.isEmpty() ? AnswerOutcome.EVENT_NOT_WATCHED
                            : statements.apply(eventId.get(), change, now);
                    if (outcome.takesAnAnswerBack()) {
                        answersTakenBack.add(eventId.get());
                    }
                    done.add(outcome);
                }
                return done;
            }
        });
        reminders.rearmEvents(answersTakenBack);
        return outcomes;
    }

    /** The group's prepared statements, each prepared once on first use. */
    private static final class Statements implements AutoCloseable {

        private final Connection connection;
        private final Map<String, PreparedStatement> prepared = new HashMap<>();
        private final Map<Long, Optional<Long>> events = new HashMap<>();

        Statements(Connection connection) {
            this.connection = connection;
        }

        Optional<Long> eventId(long messageId) throws SQLException {
            Optional<Long> known = events.get(messageId);
            if (known == null) {
                PreparedStatement find = statement("select id from event where message_id = ?");
                find.setLong(1, messageId);
                try (ResultSet row = find.executeQuery()) {
                    known = row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
                }
                events.put(messageId, known);
            }
            return known;
        }

        AnswerOutcome apply(long eventId, AnswerChange change, Instant now) throws SQLException {
            Optional<ReactionView> before = current(eventId, change);
            if (change.emoji() == null) {
                if (before.isPresent()) {
                    PreparedStatement delete = statement("delete from reaction where event_id = ? and user_id = ?");
                    delete.setLong(1, eventId);
                    delete.setLong(2, change.userId());
                    delete.executeUpdate();
                }
                return new AnswerOutcome(true, before, Optional.empty());
            }
            if (before.isEmpty()) {
                // "do nothing": on PostgreSQL another instance may have inserted it since; it is then changed instead
                PreparedStatement insert = statement("insert into reaction (event_id, user_id, emoji, reacted_at,"
                        + " created_at, updated_at) values (?, ?, ?, ?, ?, ?) on conflict (event_id, user_id) do nothing");
                insert.setLong(1, eventId);
                insert.setLong(2, change.userId());
                insert.setString(3, change.emoji());
                insert.setTimestamp(4, Jdbc.time(now));
                insert.setTimestamp(5, Jdbc.time(now));
                insert.setTimestamp(6, Jdbc.time(now));
                if (insert.executeUpdate() == 0) {
                    return apply(eventId, change, now);
                }
                return new AnswerOutcome(true, before, Optional.of(view(change, now, now, now)));
            }
            ReactionView kept = before.get();
            if (kept.emoji().equals(change.emoji())) {
                return new AnswerOutcome(true, before, before);
            }
            PreparedStatement update = statement(
                    "update reaction set emoji = ?, reacted_at = ?, updated_at = ? where event_id = ? and user_id = ?");
            update.setString(1, change.emoji());
            update.setTimestamp(2, Jdbc.time(now));
            update.setTimestamp(3, Jdbc.time(now));
            update.setLong(4, eventId);
            update.setLong(5, change.userId());
            update.executeUpdate();
            return new AnswerOutcome(true, before, Optional.of(view(change, now, kept.createdAt(), now)));
        }

        private Optional<ReactionView> current(long eventId, AnswerChange change) throws SQLException {
            PreparedStatement find = statement(
                    "select emoji, reacted_at, created_at, updated_at from reaction where event_id = ? and user_id = ?");
            find.setLong(1, eventId);
            find.setLong(2, change.userId());
            try (ResultSet row = find.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ReactionView(Long.toString(change.messageId()), Long.toString(change.userId()),
                        row.getString(1), row.getTimestamp(2).toInstant(), row.getTimestamp(3).toInstant(),
                        row.getTimestamp(4).toInstant()));
            }
        }

        private static ReactionView view(AnswerChange change, Instant reactedAt, Instant createdAt, Instant updatedAt) {
            return new ReactionView(Long.toString(change.messageId()), Long.toString(change.userId()), change.emoji(),
                    reactedAt, createdAt, updatedAt);
        }

        private PreparedStatement statement(String sql) throws SQLException {
            PreparedStatement statement = prepared.get(sql);
            if (statement == null) {
                statement = connection.prepareStatement(sql);
                prepared.put(sql, statement);
            }
            return statement;
        }

        @Override
        public void close() throws SQLException {
            for (PreparedStatement statement : prepared.values()) {
                statement.close();
            }
        }
    }
}
