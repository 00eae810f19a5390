package dev.reminderstore.reminder;

import dev.reminderstore.api.Page;
import dev.reminderstore.api.PageRequest;
import dev.reminderstore.db.WriteTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.List;

/** Reading and cleaning up the reminder log. */
@ApplicationScoped
public class ReminderLogService {

    /** A log row with the message id of its event. */
    record Row(ReminderLog log, long messageId) {
    }

    /** Log rows in the order they were written, optionally of one event (by its internal id), one status, or since a time. */
    public Page<ReminderLogView> list(Long eventId, ReminderStatus status, Instant since, PageRequest page) {
        StringBuilder jpql = new StringBuilder("select new dev.reminderstore.reminder.ReminderLogService$Row(l, e.messageId)"
                + " from ReminderLog l join Event e on e.id = l.eventId where l.id > :after");
        if (eventId != null) {
            jpql.append(" and l.eventId = :eventId");
        }
        if (status != null) {
            jpql.append(" and l.status = :status");
        }
        if (since != null) {
            jpql.append(" and l.scheduledAt >= :since");
        }
        TypedQuery<Row> query = ReminderLog.getEntityManager().createQuery(jpql + " order by l.id", Row.class)
                .setParameter("after", page.after())
                .setMaxResults(page.fetchSize());
        if (eventId != null) {
            query.setParameter("eventId", eventId);
        }
        if (status != null) {
            query.setParameter("status", status);
        }
        if (since != null) {
            query.setParameter("since", since);
        }
        List<Row> rows = query.getResultList();
        return Page.of(rows, page, row -> row.log().id, row -> ReminderLogView.of(row.log(), row.messageId()));
    }

    /** Deletes finished (sent or failed) rows scheduled before {@code cutoff}; pending rows are still in flight. */
    @WriteTransaction
    public long deleteOlderThan(Instant cutoff) {
        return ReminderLog.delete("scheduledAt < ?1 and status <> ?2", cutoff, ReminderStatus.pending);
    }
}
