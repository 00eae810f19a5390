package dev.reminderstore.reminder;

import dev.reminderstore.config.TimeSource;
import dev.reminderstore.db.Jdbc;
import dev.reminderstore.db.WriteTransaction;
import dev.reminderstore.event.Event;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parking and re-arming of events, so that an event nobody needs reminding of costs nothing on later ticks.
 *
 * <p>When the job finds nobody missing on a due event it <em>parks</em> it: {@code next_reminder_at} becomes
 * null and {@code lastReminder} stays. Anything that can make someone missing again (an answer withdrawn or
 * changed, answers replaced, a member added, an import) calls in here, and a parked event gets back the time the
 * due rule gives it ({@link Event#scheduledReminder}), which is often in the past: it is then due at the next tick.
 * Paused events also have no next time; they are told apart by their flag and left alone.
 *
 * <p>A re-arm first takes the row lock of every event it may touch that is parked or due (the only ones a claim
 * can hold), with an update that matches each of them whatever else its state, and only then reads whether it is parked. On PostgreSQL a claim that holds an event's row
 * (it locks what it takes) makes the re-arm wait until it has committed, so a park that the claim decided before
 * seeing this change is seen and undone; and a claim that comes later passes over the locked row until this change
 * has committed. On SQLite the write queue already runs one writer at a time.
 */
@ApplicationScoped
public class ReminderSchedule {

    /** How far ahead of this instance's clock another instance's claim may be, for the due events it can hold. */
    private static final Duration CLOCK_MARGIN = Duration.ofMinutes(1);

    private final TimeSource time;

    public ReminderSchedule(TimeSource time) {
        this.time = time;
    }

    /** Takes the events off the due index until someone is missing again; their last reminders stay. */
    static void park(List<Long> eventIds, Instant now) {
        if (eventIds.isEmpty()) {
            return;
        }
        Jdbc.inTransaction(connection -> {
            try (PreparedStatement park = connection.prepareStatement(
                    "update event set next_reminder_at = null, version = version + 1, updated_at = ? where id = ?")) {
                for (long eventId : eventIds) {
                    park.setTimestamp(1, Jdbc.time(now));
                    park.setLong(2, eventId);
                    park.addBatch();
                }
                return park.executeBatch();
            }
        });
    }

    /** Someone may have become missing on these events. */
    @WriteTransaction
    public void rearmEvents(Collection<Long> eventIds) {
        rearm("id", eventIds);
    }

    /** Someone may have become missing on any event of these guilds (members added, or no longer bots). */
    @WriteTransaction
    public void rearmGuilds(Collection<Long> guildIds) {
        rearm("guild_id", guildIds);
    }

    private void rearm(String keyColumn, Collection<Long> keyValues) {
        if (keyValues.isEmpty()) {
            return;
        }
        List<Long> keys = List.copyOf(keyValues);
        String condition = keyColumn + " in (" + String.join(", ", Collections.nCopies(keys.size(), "?")) + ")";
        Instant now = time.now();
        Jdbc.inTransaction(connection -> {
            Map<Long, Instant> parked = new HashMap<>();
            // "version = version" changes nothing: the update is there for the row locks it takes and waits for.
            // Only the events a claim may hold need them: the parked and the due (an event due later is not claimed).
            try (PreparedStatement lock = connection.prepareStatement("update event set version = version where "
                    + condition + " and not is_paused and (next_reminder_at is null or next_reminder_at <= ?)"
                    + " returning id, last_reminder, interval_minutes, next_reminder_at")) {
                for (int i = 0; i < keys.size(); i++) {
                    lock.setLong(i + 1, keys.get(i));
                }
                lock.setTimestamp(keys.size() + 1, Jdbc.time(now.plus(CLOCK_MARGIN)));
                try (ResultSet rows = lock.executeQuery()) {
                    while (rows.next()) {
                        if (rows.getTimestamp(4) == null) {
                            parked.put(rows.getLong(1), Event.scheduledReminder(rows.getTimestamp(2).toInstant(),
                                    rows.getDouble(3), false));
                        }
                    }
                }
            }
            try (PreparedStatement rearm = connection.prepareStatement(
                    "update event set next_reminder_at = ?, version = version + 1, updated_at = ? where id = ?")) {
                for (Map.Entry<Long, Instant> event : parked.entrySet()) {
                    rearm.setTimestamp(1, Jdbc.time(event.getValue()));
                    rearm.setTimestamp(2, Jdbc.time(now));
                    rearm.setLong(3, event.getKey());
                    rearm.addBatch();
                }
                return rearm.executeBatch();
            }
        });
    }
}
