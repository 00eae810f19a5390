package dev.reminderstore.reminder;

import dev.reminderstore.api.ApiException;
import dev.reminderstore.config.InstanceId;
import dev.reminderstore.config.StoreConfig;
import dev.reminderstore.config.TimeSource;
import dev.reminderstore.db.Jdbc;
import dev.reminderstore.db.WriteQueue;
import dev.reminderstore.db.WriteTransaction;
import dev.reminderstore.event.Attendance;
import dev.reminderstore.event.Event;
import dev.reminderstore.event.EventService;
import dev.reminderstore.guild.Guild;
import dev.reminderstore.reminder.delivery.DeliveryResult;
import dev.reminderstore.reminder.delivery.Reminder;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.jpa.HibernateHints;

/**
 * The reminder log's write side: claiming due events, recording how deliveries went, and taking over the claims of
 * an instance that died. A claim writes the {@code pending} row and advances the event in one transaction, before
 * anything is sent, and holds the row as a lease ({@code claimed_by}, {@code claim_expires_at}) that its holder
 * renews while it delivers. A row whose lease expired is delivered again by whoever finds it, with the same nonce,
 * while Discord still recognises that nonce; after that it is recorded failed (interrupted). Docs: "Leases".
 */
@ApplicationScoped
public class ReminderLedger {

    /** The due search: a range on event_next_reminder_at_idx, oldest first; its cost grows with the due events only. */
    public static final String DUE_EVENTS_SQL =
            "select id from event where next_reminder_at <= ? order by next_reminder_at limit ?";

    /**
     * On a database server several instances claim at once: each locks the due rows it takes until its claim
     * commits, and passes over the rows another one holds, so no event is claimed twice. On SQLite the write queue
     * already lets one claim run at a time (and SQLite has no row locks).
     */
    static final String DUE_EVENTS_LOCKING_SQL = DUE_EVENTS_SQL + " for update skip locked";

    /** Pending rows whose lease has expired, oldest lease first: a range on reminderlog_claim_expires_at_idx. */
    static final String EXPIRED_CLAIMS_SQL = "select id, event_id, scheduled_at, created_at from reminderlog"
            + " where status = 'pending' and claim_expires_at <= ? order by claim_expires_at limit ?";

    static final String INTERRUPTED = "interrupted";

    private final EventService events;
    private final StoreConfig.AutoDelete autoDelete;
    private final TimeSource time;
    private final String instance;
    private final Duration lease;
    private final Duration redeliveryWindow;
    private final String dueEventsSql;
    private final String expiredClaimsSql;

    public ReminderLedger(EventService events, StoreConfig config, TimeSource time, WriteQueue writeQueue,
                          InstanceId instance) {
        this.events = events;
        this.autoDelete = config.reminders().autoDelete();
        this.time = time;
        this.instance = instance.value();
        this.lease = config.reminders().lease();
        this.redeliveryWindow = config.reminders().redeliveryWindow();
        boolean singleWriter = writeQueue.isSingleWriter();
        this.dueEventsSql = singleWriter ? DUE_EVENTS_SQL : DUE_EVENTS_LOCKING_SQL;
        // A peer taking over the same expired rows at the same moment passes over the ones this instance holds.
        this.expiredClaimsSql = singleWriter ? EXPIRED_CLAIMS_SQL : EXPIRED_CLAIMS_SQL + " for update skip locked";
    }

    /** The reminders claimed by one transaction, and how many due events had nobody missing (parked). */
    public record Claims(List<Reminder> reminders, int parked, int examined) {
    }

    /** How one delivery ended, to be recorded. */
    public record Outcome(Reminder reminder, DeliveryResult result, Instant finishedAt) {
    }

    /** Expired claims taken over: the reminders to deliver again, and how many were too old for that (failed). */
    public record Takeover(List<Reminder> reminders, int interrupted, int examined) {
    }

    /** A pending row about to be delivered: its event, its log row and the time it was due. */
    private record Claimed(Event event, long logId, Instant scheduledAt) {
    }

    /**
     * Claims up to {@code limit} events due at {@code now}: each with someone missing gets a pending log row and
     * its next time by the due rule; each with nobody missing is parked, its last reminder unchanged.
     */
    @WriteTransaction
    public Claims claimDue(Instant now, int limit) {
        List<Long> ids = Jdbc.inTransaction(connection -> {
            List<Long> due = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(dueEventsSql)) {
                select.setTimestamp(1, Jdbc.time(now));
                select.setInt(2, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        due.add(rows.getLong(1));
                    }
                }
            }
            return due;
        });
        if (ids.isEmpty()) {
            return new Claims(List.of(), 0, 0);
        }
        // Read-only: the claim writes with batched statements below, so Hibernate has nothing to dirty-check.
        List<Event> due = Event.<Event>find("id in ?1", ids).withHint(HibernateHints.HINT_READ_ONLY, true).list();
        Map<Long, Attendance> attendance = new HashMap<>();
        due.forEach(event -> attendance.put(event.id, events.attendance(event, Reminder.MAX_MENTIONS)));
        List<Event> toRemind = due.stream().filter(event -> attendance.get(event.id).missing() > 0).toList();
        ReminderSchedule.park(due.stream().filter(event -> attendance.get(event.id).missing() == 0)
                .map(event -> event.id).toList(), now);
        List<Reminder> reminders = claim(toRemind, attendance, event -> event.nextReminderAt, now);
        return new Claims(reminders, due.size() - reminders.size(), due.size());
    }

    /**
     * Claims a reminder of one event now, due or not (the bot's /remind); empty when the event is not watched.
     *
     * @throws ApiException 409 when nobody is missing (nothing is written then)
     */
    @WriteTransaction
    public Optional<Reminder> claimNow(long messageId) {
        return events.findEntity(messageId).map(event -> {
            Attendance attendance = events.attendance(event, Reminder.MAX_MENTIONS);
            if (attendance.missing() == 0) {
                throw ApiException.conflict("nobody is missing on event " + messageId
                        + ": every member answered, so no reminder was sent");
            }
            Instant now = time.now();
            return claim(List.of(event), Map.of(event.id, attendance), e -> now, now).get(0);
        });
    }

    /**
     * Writes a pending log row for each event, leased to this instance, and moves each on by the due rule (last
     * reminder now), in two statements; answers the reminders to deliver.
     */
    private List<Reminder> claim(List<Event> claimed, Map<Long, Attendance> attendance, Function<Event, Instant> scheduledAt,
                                 Instant now) {
        if (claimed.isEmpty()) {
            return List.of();
        }
        Map<Long, Long> logIds = Jdbc.inTransaction(connection -> {
            Map<Long, Long> ids = insertPendingRows(connection, claimed, scheduledAt, now);
            try (PreparedStatement advance = connection.prepareStatement("update event set last_reminder = ?,"
                    + " next_reminder_at = ?, version = version + 1, updated_at = ? where id = ?")) {
                for (Event event : claimed) {
                    advance.setTimestamp(1, Jdbc.time(now));
                    advance.setTimestamp(2, Jdbc.time(Event.scheduledReminder(now, event.intervalMinutes, event.isPaused)));
                    advance.setTimestamp(3, Jdbc.time(now));
                    advance.setLong(4, event.id);
                    advance.addBatch();
                }
                advance.executeBatch();
            }
            return ids;
        });
        return reminders(claimed.stream().map(event -> new Claimed(event, logIds.get(event.id), scheduledAt.apply(event)))
                .toList(), attendance);
    }

    /** What each delivery needs: who is missing (a message's worth of ids and the count) and the guild's settings. */
    private List<Reminder> reminders(List<Claimed> claimed, Map<Long, Attendance> attendance) {
        Set<Long> guildIds = claimed.stream().map(row -> row.event().guildId).collect(Collectors.toSet());
        Map<Long, GuildReminderSettings> settings = new HashMap<>();
        Guild.<Guild>list("guildId in ?1", guildIds)
                .forEach(guild -> settings.put(guild.guildId, GuildReminderSettings.of(guild.guildId, guild.settings)));
        List<Reminder> reminders = new ArrayList<>(claimed.size());
        for (Claimed row : claimed) {
            Event event = row.event();
            GuildReminderSettings guild = settings.getOrDefault(event.guildId, GuildReminderSettings.NONE);
            Long channel = guild.reminderChannelId();
            Attendance answers = attendance.get(event.id);
            reminders.add(new Reminder(row.logId(), event.id, event.messageId, event.channelId,
                    channel == null ? event.channelId : channel, event.guildId, event.title,
                    answers.missingUserIds(), answers.missing(), answers.total(), row.scheduledAt(),
                    guild.deleteAfter(autoDelete)));
        }
        return reminders;
    }

    /** One multi-row INSERT ... RETURNING (SQLite 3.35+, PostgreSQL): log row ids by event id. */
    private Map<Long, Long> insertPendingRows(Connection connection, List<Event> claimed,
                                                     Function<Event, Instant> scheduledAt, Instant now) throws SQLException {
        String rows = String.join(", ", Collections.nCopies(claimed.size(), "(?, ?, 0, 'pending', ?, ?, ?, ?)"));
        Map<Long, Long> ids = new HashMap<>();
        try (PreparedStatement insert = connection.prepareStatement("insert into reminderlog (event_id, scheduled_at,"
                + " users_notified, status, claimed_by, claim_expires_at, created_at, updated_at) values " + rows
                + " returning id, event_id")) {
            int index = 1;
            Timestamp expires = Jdbc.time(now.plus(lease));
            for (Event event : claimed) {
                insert.setLong(index++, event.id);
                insert.setTimestamp(index++, Jdbc.time(scheduledAt.apply(event)));
                insert.setString(index++, instance);
                insert.setTimestamp(index++, expires);
                insert.setTimestamp(index++, Jdbc.time(now));
                insert.setTimestamp(index++, Jdbc.time(now));
            }
            try (ResultSet inserted = insert.executeQuery()) {
                while (inserted.next()) {
                    ids.put(inserted.getLong(2), inserted.getLong(1));
                }
            }
        }
        return ids;
    }

    /**
     * Marks the rows {@code sent} or {@code failed}, keeps what is needed to delete posted messages later, and
     * pauses the events whose target is gone. One transaction, batched statements.
     */
    @WriteTransaction
    public void record(List<Outcome> outcomes) {
        for (Outcome outcome : outcomes) {
            if (outcome.result().pauseEvent()) {
                Event event = Event.findById(outcome.reminder().eventId());
                if (event != null) {
                    event.isPaused = true;
                    event.reschedule();
                }
            }
        }
        Jdbc.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("update reminderlog set status = ?, sent_at = ?,"
                    + " users_notified = ?, error_message = ?, discord_channel_id = ?, discord_message_id = ?, delete_at = ?,"
                    + " claim_expires_at = null, updated_at = ? where id = ?")) {
                for (Outcome outcome : outcomes) {
                    bindOutcome(update, outcome);
                    update.addBatch();
                }
                return update.executeBatch();
            }
        });
    }

    private static void bindOutcome(PreparedStatement update, Outcome outcome) throws SQLException {
        DeliveryResult result = outcome.result();
        Reminder reminder = outcome.reminder();
        Timestamp finished = Jdbc.time(outcome.finishedAt());
        boolean sent = result.isSent();
        Duration deleteAfter = reminder.deleteAfter();
        Instant deleteAt = sent && result.discordMessageId() != null && deleteAfter != null
                ? outcome.finishedAt().plus(deleteAfter) : null;
        update.setString(1, (sent ? ReminderStatus.sent : ReminderStatus.failed).name());
        update.setTimestamp(2, sent ? finished : null);
        update.setInt(3, sent ? reminder.missing() : 0);
        update.setString(4, result.error());
        setId(update, 5, result.discordChannelId());
        setId(update, 6, result.discordMessageId());
        update.setTimestamp(7, Jdbc.time(deleteAt));
        update.setTimestamp(8, finished);
        update.setLong(9, reminder.logId());
    }

    private static void setId(PreparedStatement statement, int index, Long id) throws SQLException {
        if (id == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, id);
        }
    }

    /**
     * Keeps this instance's pending rows its own for another lease, while it is still delivering them. Rows a peer
     * has taken over (this instance was too slow to renew) are no longer named after it and stay the peer's.
     */
    @WriteTransaction
    public int renewLeases() {
        Instant now = time.now();
        return ReminderLog.update("claimExpiresAt = ?1, updatedAt = ?2 where status = ?3 and claimedBy = ?4",
                now.plus(lease), now, ReminderStatus.pending, instance);
    }

    /**
     * Takes over up to {@code limit} pending rows whose lease has expired (their holder died or stopped): those
     * claimed less than the redelivery window ago are leased to this instance and answered, to be delivered again
     * with their own nonce and delivery id; older ones, and those whose event has nobody missing any more, become
     * {@code failed} ("interrupted"). Rows of a live holder, whose leases it renews, are never touched.
     */
    @WriteTransaction
    public Takeover takeOverExpired(Instant now, int limit) {
        List<Claimed> young = new ArrayList<>();
        List<Long> old = new ArrayList<>();
        Map<Long, Long> eventOfLog = new HashMap<>();
        Map<Long, Instant> scheduledOfLog = new HashMap<>();
        Instant oldest = now.minus(redeliveryWindow);
        int examined = Jdbc.inTransaction(connection -> {
            int rows = 0;
            try (PreparedStatement select = connection.prepareStatement(expiredClaimsSql)) {
                select.setTimestamp(1, Jdbc.time(now));
                select.setInt(2, limit);
                try (ResultSet expired = select.executeQuery()) {
                    while (expired.next()) {
                        rows++;
                        long logId = expired.getLong(1);
                        if (expired.getTimestamp(4).toInstant().isBefore(oldest)) {
                            old.add(logId);
                        } else {
                            eventOfLog.put(logId, expired.getLong(2));
                            scheduledOfLog.put(logId, expired.getTimestamp(3).toInstant());
                        }
                    }
                }
            }
            return rows;
        });
        if (examined == 0) {
            return new Takeover(List.of(), 0, 0);
        }
        Map<Long, Attendance> attendance = new HashMap<>();
        if (!eventOfLog.isEmpty()) {
            Map<Long, Event> due = new HashMap<>();
            Event.<Event>find("id in ?1", Set.copyOf(eventOfLog.values())).withHint(HibernateHints.HINT_READ_ONLY, true)
                    .list().forEach(event -> due.put(event.id, event));
            due.values().forEach(event -> attendance.put(event.id, events.attendance(event, Reminder.MAX_MENTIONS)));
            for (Map.Entry<Long, Long> row : eventOfLog.entrySet()) {
                Event event = due.get(row.getValue());
                if (attendance.get(event.id).missing() == 0) {
                    old.add(row.getKey());
                } else {
                    young.add(new Claimed(event, row.getKey(), scheduledOfLog.get(row.getKey())));
                }
            }
        }
        if (!young.isEmpty()) {
            ReminderLog.update("claimedBy = ?1, claimExpiresAt = ?2, updatedAt = ?3 where id in ?4",
                    instance, now.plus(lease), now, young.stream().map(Claimed::logId).toList());
        }
        if (!old.isEmpty()) {
            ReminderLog.update("status = ?1, errorMessage = ?2, claimExpiresAt = null, updatedAt = ?3 where id in ?4",
                    ReminderStatus.failed, INTERRUPTED, now, old);
        }
        return new Takeover(reminders(young, attendance), old.size(), examined);
    }

    /** Posted reminders whose time to be deleted has come, oldest first. */
    public List<ReminderLog> dueDeletions(Instant now, int limit) {
        return ReminderLog.<ReminderLog>find("deleteAt <= ?1 order by deleteAt", now).page(0, limit).list();
    }

    /** These posted reminders are gone (deleted, or found gone): nothing more to do for them. */
    @WriteTransaction
    public void deletionsDone(List<Long> logIds) {
        if (!logIds.isEmpty()) {
            ReminderLog.update("deleteAt = null, updatedAt = ?1 where id in ?2", time.now(), logIds);
        }
    }
}
