package dev.reminderstore.reminder;

import dev.reminderstore.event.Event;
import dev.reminderstore.event.EventView;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** What the operator console lists besides the chart: the next reminders, the last failures, the paused events. */
@ApplicationScoped
public class ReminderOverview {

    /** An event that a delivery paused, with the failure that paused it. */
    public record PausedEvent(EventView event, String reason, Instant failedAt) {
    }

    /** The next {@code limit} events due, soonest first (the due index, read in order). */
    public List<EventView> upcoming(int limit) {
        return Event.<Event>find("nextReminderAt is not null order by nextReminderAt, id").page(0, limit)
                .stream().map(EventView::of).toList();
    }

    /** The last {@code limit} failed reminders, newest first (the status index, read backwards). */
    public List<ReminderLogView> failures(int limit) {
        return ReminderLog.getEntityManager().createQuery("select new dev.reminderstore.reminder.ReminderLogService$Row(l, e.messageId)"
                        + " from ReminderLog l join Event e on e.id = l.eventId where l.status = :failed order by l.id desc",
                        ReminderLogService.Row.class)
                .setParameter("failed", ReminderStatus.failed).setMaxResults(limit).getResultList().stream()
                .map(row -> ReminderLogView.of(row.log(), row.messageId())).toList();
    }

    /**
     * Paused events whose newest reminder failed: the delivery paused them (Discord answered 403 or 404). An event
     * a user paused has no failure as its newest log row and is not listed.
     */
    public List<PausedEvent> pausedByDelivery(int limit) {
        return ReminderLog.getEntityManager().createQuery("select e, l from Event e join ReminderLog l on l.eventId = e.id"
                        + " where e.isPaused = true and l.status = :failed"
                        + " and l.id = (select max(n.id) from ReminderLog n where n.eventId = e.id) order by e.id",
                        Object[].class)
                .setParameter("failed", ReminderStatus.failed).setMaxResults(limit).getResultList().stream()
                .map(row -> {
                    ReminderLog log = (ReminderLog) row[1];
                    return new PausedEvent(EventView.of((Event) row[0]), log.errorMessage, log.updatedAt);
                }).toList();
    }
}
