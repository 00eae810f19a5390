package dev.reminderstore.reminder;

import dev.reminderstore.db.Jdbc;
import dev.reminderstore.db.WriteTransaction;
import dev.reminderstore.event.Event;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Parking and re-arming of events, so that an event nobody needs reminding of costs nothing on later ticks.
 *
 * <p>When the job finds nobody missing on a due event it <em>parks</em> it: {@code next_reminder_at} becomes
 * null and {@code lastReminder} stays. Anything that can make someone missing again (a reaction removed or
 * changed, answers replaced, a member added) calls in here, and a parked event gets back the time the due rule
 * gives it ({@link Event#scheduledReminder()}), which is often in the past: it is then due at the next tick.
 * Paused events also have no next time; they are told apart by their flag and left alone.
 */
@ApplicationScoped
public class ReminderSchedule {

    /** {@link #isParked} as a query condition on events. */
    private static final String PARKED = "nextReminderAt is null and isPaused = false";

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

    static boolean isParked(Event event) {
        return isParked(event.nextReminderAt, event.isPaused);
    }

    /** {@link #isParked(Event)} on plain values, for code that reads events without loading them. */
    public static boolean isParked(Instant nextReminderAt, boolean isPaused) {
        return nextReminderAt == null && !isPaused;
    }

    /** Someone may have become missing on this event. */
    @WriteTransaction
    public void rearmEvent(long eventId) {
        Event event = Event.findById(eventId);
        if (event != null && isParked(event)) {
            event.reschedule();
        }
    }

    /** Someone may have become missing on these events; one query for all of them. */
    @WriteTransaction
    public void rearmEvents(Collection<Long> eventIds) {
        if (!eventIds.isEmpty()) {
            Event.<Event>list("id in ?1 and " + PARKED, eventIds).forEach(Event::reschedule);
        }
    }

    /** Someone may have become missing on any event of this guild (members added or changed). */
    @WriteTransaction
    public void rearmGuild(long guildId) {
        Event.<Event>list("guildId = ?1 and " + PARKED, guildId).forEach(Event::reschedule);
    }
}
