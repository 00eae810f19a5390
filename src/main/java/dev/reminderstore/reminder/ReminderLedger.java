package dev.reminderstore.reminder;

import dev.reminderstore.api.ApiException;
import dev.reminderstore.config.StoreConfig;
import dev.reminderstore.config.TimeSource;
import dev.reminderstore.db.Jdbc;
import dev.reminderstore.db.WriteQueue;
import dev.reminderstore.db.WriteTransaction;
import dev.reminderstore.event.Event;
import dev.reminderstore.event.EventService;
import dev.reminderstore.guild.Guild;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reminder log's write side: claiming due events, recording how deliveries went, and clearing up after a
 * crash. A claim writes the {@code pending} row and advances the event in one transaction, before anything is
 * sent; so whatever happens afterwards, an interval's reminder is attempted at most once.
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

    static final String INTERRUPTED = "interrupted";

    private final EventService events;
    private final StoreConfig.AutoDelete autoDelete;
    private final TimeSource time;
    private final String dueEventsSql;

    public ReminderLedger(EventService events, StoreConfig config, TimeSource time, WriteQueue writeQueue) {
        this.events = events;
        this.autoDelete = config.reminders().autoDelete();
        this.time = time;
        this.dueEventsSql = writeQueue.isSingleWriter() ? DUE_EVENTS_SQL : DUE_EVENTS_LOCKING_SQL;
    }

    /** The reminders claimed by one transaction, and how many due events had nobody missing (parked). */
    public record Claims(List<Reminder> reminders, int parked, int examined) {
    }

    /** How one delivery ended, to be recorded. */
    public record Outcome(Reminder reminder, DeliveryResult result, Instant finishedAt) {
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
        Map<Long, GuildFacts> guilds = new HashMap<>();
        List<Reminder> reminders = new ArrayList<>();
        for (Event event : Event.<Event>list("id in ?1", ids)) {
            List<Long> missing = events.missingUserIds(event);
            if (missing.isEmpty()) {
                ReminderSchedule.park(event);
            } else {
                reminders.add(claim(event, missing, event.nextReminderAt, now, guilds));
            }
        }
        return new Claims(reminders, ids.size() - reminders.size(), ids.size());
    }

    /**
     * Claims a reminder of one event now, due or not (the bot's /remind); empty when the event is not watched.
     *
     * @throws ApiException 409 when nobody is missing (nothing is written then)
     */
    @WriteTransaction
    public Optional<Reminder> claimNow(long messageId) {
        return events.findEntity(messageId).map(event -> {
            List<Long> missing = events.missingUserIds(event);
            if (missing.isEmpty()) {
                throw ApiException.conflict("nobody is missing on event " + messageId
                        + ": every member answered, so no reminder was sent");
            }
            Instant now = time.now();
            return claim(event, missing, now, now, new HashMap<>());
        });
    }

    private Reminder claim(Event event, List<Long> missing, Instant scheduledAt, Instant now, Map<Long, GuildFacts> guilds) {
        GuildFacts guild = guilds.computeIfAbsent(event.guildId, this::guildFacts);
        ReminderLog log = new ReminderLog();
        log.eventId = event.id;
        log.scheduledAt = scheduledAt;
        log.status = ReminderStatus.pending;
        log.persist();
        event.lastReminder = now;
        event.reschedule();
        Long channel = guild.settings().reminderChannelId();
        return new Reminder(log.id, event.id, event.messageId, event.channelId, channel == null ? event.channelId : channel,
                event.guildId, event.title, List.copyOf(missing), guild.members(), scheduledAt,
                guild.settings().deleteAfter(autoDelete));
    }

    /** What a claim needs to know of a guild, looked up once per guild and transaction. */
    private record GuildFacts(int members, GuildReminderSettings settings) {
    }

    private GuildFacts guildFacts(long guildId) {
        Guild guild = Guild.findById(guildId);
        return new GuildFacts(events.memberCount(guildId),
                guild == null ? GuildReminderSettings.NONE : GuildReminderSettings.of(guildId, guild.settings));
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
                    + " updated_at = ? where id = ?")) {
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
     * After a crash: rows still {@code pending} were claimed but may or may not have been delivered. They become
     * {@code failed} ("interrupted") and are never sent again, since their events already moved on.
     */
    @WriteTransaction
    public int failInterrupted() {
        return ReminderLog.update("status = ?1, errorMessage = ?2, updatedAt = ?3 where status = ?4",
                ReminderStatus.failed, INTERRUPTED, time.now(), ReminderStatus.pending);
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
