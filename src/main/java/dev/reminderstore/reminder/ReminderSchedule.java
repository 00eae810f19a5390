package dev.reminderstore.reminder;

import dev.reminderstore.db.WriteTransaction;
import dev.reminderstore.event.Event;
import jakarta.enterprise.context.ApplicationScoped;

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

    /** Takes the event off the due index until someone is missing again; its last reminder stays. */
    static void park(Event event) {
        event.nextReminderAt = null;
    }

    static boolean isParked(Event event) {
        return event.nextReminderAt == null && !event.isPaused;
    }

    /** Someone may have become missing on this event. */
    @WriteTransaction
    public void rearmEvent(long eventId) {
        Event event = Event.findById(eventId);
        if (event != null && isParked(event)) {
            event.reschedule();
        }
    }

    /** Someone may have become missing on any event of this guild (members added or changed). */
    @WriteTransaction
    public void rearmGuild(long guildId) {
        Event.<Event>list("guildId = ?1 and nextReminderAt is null and isPaused = false", guildId)
                .forEach(Event::reschedule);
    }
}
