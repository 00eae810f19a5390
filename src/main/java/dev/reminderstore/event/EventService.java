package dev.reminderstore.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reminderstore.api.ApiException;
import dev.reminderstore.api.Ids;
import dev.reminderstore.api.JsonProblems;
import dev.reminderstore.api.Page;
import dev.reminderstore.api.PageRequest;
import dev.reminderstore.api.Upserted;
import dev.reminderstore.config.TimeSource;
import dev.reminderstore.db.CachedReads;
import dev.reminderstore.db.Jdbc;
import dev.reminderstore.db.JsonConverters;
import dev.reminderstore.db.WriteTransaction;
import dev.reminderstore.guild.GuildService;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Watched messages: their life cycle, and the rule of who is still missing. */
@ApplicationScoped
public class EventService {

    private static final JsonConverters.StringList REACTIONS = new JsonConverters.StringList();
    private static final String SELECT_BY_MESSAGE_ID = "select message_id, channel_id, guild_id, title, description,"
            + " interval_minutes, is_paused, last_reminder, next_reminder_at, required_reactions, version, created_at,"
            + " updated_at from event where message_id = ?";
    private static final String SELECT_STATUS_KEYS =
            "select id, guild_id, required_reactions, next_reminder_at from event where message_id = ?";

    private final GuildService guilds;
    private final IntervalLimits limits;
    private final TimeSource time;
    private final ObjectMapper json;
    private final Validator validator;
    private final CachedReads reads;

    public EventService(GuildService guilds, IntervalLimits limits, TimeSource time, ObjectMapper json, Validator validator,
                        CachedReads reads) {
        this.reads = reads;
        this.guilds = guilds;
        this.limits = limits;
        this.time = time;
        this.json = json;
        this.validator = validator;
    }

    /** Starts watching a message; 409 when it is watched already. */
    @WriteTransaction
    public EventView create(EventRequest request) {
        if (request.messageId() == null) {
            throw ApiException.invalid("messageId", "is required");
        }
        long messageId = Ids.parse("messageId", request.messageId());
        if (findEntity(messageId).isPresent()) {
            throw ApiException.conflict("message " + messageId + " is already watched");
        }
        return EventView.of(save(new Event(), messageId, request));
    }

    /** Watches a message, or edits it when it is watched already. */
    @WriteTransaction
    public Upserted<EventView> upsert(long messageId, EventRequest request) {
        if (request.messageId() != null && Ids.parse("messageId", request.messageId()) != messageId) {
            throw ApiException.invalid("messageId", "must be the message id of the path, or left out");
        }
        Optional<Event> existing = findEntity(messageId);
        Event event = save(existing.orElseGet(Event::new), messageId, request);
        return new Upserted<>(EventView.of(event), existing.isEmpty());
    }

    private Event save(Event event, long messageId, EventRequest request) {
        double interval = request.intervalMinutes() == null ? Event.DEFAULT_INTERVAL_MINUTES : request.intervalMinutes();
        limits.check("intervalMinutes", interval);
        List<String> reactions = requiredReactions(request.requiredReactions());
        long guildId = Ids.parse("guildId", request.guildId());
        guilds.ensureExists(guildId);
        event.messageId = messageId;
        event.channelId = Ids.parse("channelId", request.channelId());
        event.guildId = guildId;
        event.title = request.title();
        event.description = request.description();
        event.intervalMinutes = interval;
        event.isPaused = Boolean.TRUE.equals(request.isPaused());
        event.requiredReactions = reactions;
        if (request.lastReminder() != null) {
            event.lastReminder = request.lastReminder();
        } else if (event.lastReminder == null) {
            event.lastReminder = time.now();
        }
        event.reschedule();
        event.persistAndFlush();
        return event;
    }

    /**
     * Applies a JSON merge patch (RFC 7386) to the patchable fields.
     *
     * @param expectedVersion the version of {@code If-Match}, or null to patch whatever version is stored
     */
    @WriteTransaction
    public Optional<EventView> patch(long messageId, JsonNode patch, Long expectedVersion) {
        if (!(patch instanceof ObjectNode patchObject)) {
            throw ApiException.badRequest("a merge patch must be a JSON object");
        }
        for (Iterator<String> names = patchObject.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!EventPatch.FIELDS.contains(name)) {
                throw ApiException.invalid(name, "cannot be patched; patchable fields are " + String.join(", ", EventPatch.FIELDS.stream().sorted().toList()));
            }
        }
        Optional<Event> found = findEntity(messageId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Event event = found.get();
        if (expectedVersion != null && expectedVersion != event.version) {
            throw ApiException.preconditionFailed("event " + messageId + " is at version " + event.version
                    + ", not the version " + expectedVersion + " of If-Match; read it again");
        }
        EventPatch merged = merge(event, patchObject);
        double interval = merged.intervalMinutes() == null ? Event.DEFAULT_INTERVAL_MINUTES : merged.intervalMinutes();
        limits.check("intervalMinutes", interval);
        event.title = merged.title();
        event.description = merged.description();
        event.intervalMinutes = interval;
        event.isPaused = Boolean.TRUE.equals(merged.isPaused());
        event.requiredReactions = requiredReactions(merged.requiredReactions());
        event.reschedule();
        Event.flush();
        return Optional.of(EventView.of(event));
    }

    private EventPatch merge(Event event, ObjectNode patch) {
        ObjectNode current = json.valueToTree(new EventPatch(event.title, event.description, event.intervalMinutes,
                event.isPaused, event.requiredReactions));
        patch.fields().forEachRemaining(field -> {
            if (field.getValue().isNull()) {
                current.remove(field.getKey());
            } else {
                current.set(field.getKey(), field.getValue());
            }
        });
        EventPatch merged;
        try {
            merged = json.treeToValue(current, EventPatch.class);
        } catch (JsonProcessingException e) {
            throw new ApiException(JsonProblems.of(e));
        }
        Set<ConstraintViolation<EventPatch>> violations = validator.validate(merged);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return merged;
    }

    /** The event as its last commit left it; the GET of an event, the hottest read, so it skips Hibernate. */
    public Optional<EventView> find(long messageId) {
        return reads.first(SELECT_BY_MESSAGE_ID, select -> select.setLong(1, messageId), row -> EventView.of(read(row)));
    }

    /** A row of {@link #SELECT_BY_MESSAGE_ID} as an unmanaged entity, as Hibernate would map it. */
    private static Event read(ResultSet row) throws SQLException {
        Event event = new Event();
        event.messageId = row.getLong(1);
        event.channelId = row.getLong(2);
        event.guildId = row.getLong(3);
        event.title = row.getString(4);
        event.description = row.getString(5);
        event.intervalMinutes = row.getDouble(6);
        event.isPaused = row.getBoolean(7);
        event.lastReminder = instant(row.getTimestamp(8));
        event.nextReminderAt = instant(row.getTimestamp(9));
        event.requiredReactions = REACTIONS.convertToEntityAttribute(row.getString(10));
        event.version = row.getLong(11);
        event.createdAt = instant(row.getTimestamp(12));
        event.updatedAt = instant(row.getTimestamp(13));
        return event;
    }

    private static Instant instant(Timestamp time) {
        return time == null ? null : time.toInstant();
    }

    public Optional<Event> findEntity(long messageId) {
        return Event.find("messageId", messageId).firstResultOptional();
    }

    /** Events by creation order, optionally of one guild, paused or not, or due by a time. */
    public Page<EventView> list(Long guildId, Boolean paused, Instant dueBefore, PageRequest page) {
        StringBuilder query = new StringBuilder("id > :after");
        Parameters parameters = Parameters.with("after", page.after());
        if (guildId != null) {
            query.append(" and guildId = :guildId");
            parameters.and("guildId", guildId);
        }
        if (paused != null) {
            query.append(" and isPaused = :paused");
            parameters.and("paused", paused);
        }
        if (dueBefore != null) {
            query.append(" and nextReminderAt <= :dueBefore");
            parameters.and("dueBefore", dueBefore);
        }
        List<Event> rows = Event.<Event>find(query + " order by id", parameters).page(0, page.fetchSize()).list();
        return Page.of(rows, page, e -> e.id, EventView::of);
    }

    @WriteTransaction
    public boolean delete(long messageId) {
        return Event.delete("messageId", messageId) > 0;
    }

    /** Counts and one page of missing ids: two point reads on kept statements, the second one {@link Attendance}. */
    public Optional<EventStatus> status(long messageId, PageRequest page) {
        return reads.first(SELECT_STATUS_KEYS, select -> select.setLong(1, messageId), row -> {
            Event event = new Event();
            event.id = row.getLong(1);
            event.guildId = row.getLong(2);
            event.requiredReactions = REACTIONS.convertToEntityAttribute(row.getString(3));
            event.nextReminderAt = instant(row.getTimestamp(4));
            return event;
        }).map(event -> {
            Attendance attendance = reads.query(Attendance.sql(event.requiredReactions.size()),
                    select -> Attendance.bind(select, event.guildId, event.id, event.requiredReactions, page.after(),
                            page.fetchSize()),
                    Attendance::read);
            Page<String> missing = Page.of(attendance.missingUserIds(), page, id -> id, String::valueOf);
            return new EventStatus(Long.toString(messageId), attendance.responded(), attendance.missing(),
                    attendance.total(), missing.items(), missing.nextCursor(), event.nextReminderAt);
        });
    }

    /**
     * The counts and the first {@code limit} missing members of an event, in the current transaction (the reminder
     * claim).
     */
    public Attendance attendance(Event event, int limit) {
        return Jdbc.inTransaction(connection -> Attendance.of(connection, event, limit));
    }

    private static List<String> requiredReactions(List<String> requested) {
        if (requested == null) {
            return new ArrayList<>(Event.DEFAULT_REACTIONS);
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            if (!seen.add(requested.get(i))) {
                throw ApiException.invalid("requiredReactions[" + i + "]", "repeats an emoji listed before");
            }
        }
        return new ArrayList<>(requested);
    }
}
