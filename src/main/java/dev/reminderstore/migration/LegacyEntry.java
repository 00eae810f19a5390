package dev.reminderstore.migration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reminderstore.api.ApiException;
import dev.reminderstore.api.Ids;
import dev.reminderstore.api.ProblemMappers;
import dev.reminderstore.api.Times;
import dev.reminderstore.event.Event;
import dev.reminderstore.event.EventRequest;
import dev.reminderstore.event.EventView;
import dev.reminderstore.event.IntervalLimits;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One entry of the old bot's file ({@code watched_reminders.json}, earlier {@code watched_matches.json}), checked
 * and completed: what becomes an event, the guild's members and their answers.
 *
 * @param adjustments what was changed to make the entry fit (an interval brought into range, an id left out)
 */
record LegacyEntry(long messageId, long channelId, long guildId, String title, double intervalMinutes, boolean isPaused,
                   Instant lastReminder, Instant createdAt, List<String> requiredReactions,
                   Set<Long> allUsers, Set<Long> reactedUsers, List<String> adjustments) {

    /** The entry cannot become an event; the reason goes into the report. */
    static final class Unusable extends Exception {
        Unusable(String reason) {
            super(reason);
        }
    }

    /** Reads entries with the rules of the API: the same ids, emojis, title and interval limits. */
    static final class Parser {

        private final ZoneId zone;
        private final IntervalLimits limits;
        private final Validator validator;

        Parser(ZoneId zone, IntervalLimits limits, Validator validator) {
            this.zone = zone;
            this.limits = limits;
            this.validator = validator;
        }

        LegacyEntry parse(String key, JsonNode entry, Instant importTime) throws Unusable {
            if (!entry.isObject()) {
                throw new Unusable("an entry must be a JSON object, not " + typeOf(entry));
            }
            if (!Ids.isValid(key)) {
                throw new Unusable("the key is not a Discord message id");
            }
            List<String> adjustments = new ArrayList<>();
            long messageId = requiredId(entry, "message_id");
            if (messageId != Long.parseLong(key)) {
                throw new Unusable("message_id " + messageId + " does not match its key");
            }
            long channelId = requiredId(entry, "channel_id");
            if (absent(entry, "guild_id")) {
                throw new Unusable("guild_id is missing: an event belongs to a guild, and the file does not say which");
            }
            long guildId = requiredId(entry, "guild_id");
            String title = text(entry, "title");
            double interval = interval(entry, adjustments);
            boolean paused = flag(entry, "is_paused");
            List<String> reactions = requiredReactions(entry, adjustments);
            Instant lastReminder = time(entry, "last_reminder");
            if (lastReminder == null) {
                lastReminder = importTime;
                adjustments.add("last_reminder is missing; set to the time of the import");
            }
            Instant createdAt = time(entry, "created_at");
            Set<Long> reacted = userIds(entry, "users_who_reacted", adjustments);
            Set<Long> members = userIds(entry, "all_users", adjustments);
            validate(new EventRequest(key, Long.toString(channelId), Long.toString(guildId), title, null, interval,
                    paused, lastReminder, reactions));
            return new LegacyEntry(messageId, channelId, guildId, title, interval, paused, lastReminder,
                    createdAt == null ? lastReminder : createdAt, reactions, members, reacted, adjustments);
        }

        /** The API's own checks of an event (title, ids, emojis), named with the legacy field names. */
        private void validate(EventRequest request) throws Unusable {
            Set<ConstraintViolation<EventRequest>> violations = validator.validate(request);
            if (!violations.isEmpty()) {
                throw new Unusable(violations.stream()
                        .map(v -> legacyName(ProblemMappers.fieldOf(v)) + ": " + v.getMessage())
                        .sorted(Comparator.naturalOrder())
                        .collect(Collectors.joining("; ")));
            }
        }

        private double interval(JsonNode entry, List<String> adjustments) throws Unusable {
            if (absent(entry, "interval_minutes")) {
                return Event.DEFAULT_INTERVAL_MINUTES;
            }
            JsonNode value = entry.get("interval_minutes");
            if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
                throw new Unusable("interval_minutes must be a number, not " + typeOf(value));
            }
            double minutes = value.asDouble();
            if (!limits.allows(minutes)) {
                double clamped = limits.clamp(minutes);
                adjustments.add("interval_minutes " + value.asText() + " is out of range; set to " + EventView.minutes(clamped));
                return clamped;
            }
            return minutes;
        }

        private List<String> requiredReactions(JsonNode entry, List<String> adjustments) throws Unusable {
            if (absent(entry, "required_reactions")) {
                return Event.DEFAULT_REACTIONS;
            }
            JsonNode value = entry.get("required_reactions");
            if (!value.isArray()) {
                throw new Unusable("required_reactions must be an array of emojis, not " + typeOf(value));
            }
            Set<String> emojis = new LinkedHashSet<>();
            for (JsonNode emoji : value) {
                if (!emoji.isTextual()) {
                    throw new Unusable("required_reactions must be an array of emojis; it holds " + typeOf(emoji));
                }
                emojis.add(emoji.asText());
            }
            if (emojis.isEmpty()) {
                adjustments.add("required_reactions is empty; set to the default " + Event.DEFAULT_REACTIONS);
                return Event.DEFAULT_REACTIONS;
            }
            if (emojis.size() < value.size()) {
                adjustments.add("required_reactions lists an emoji twice; kept once");
            }
            return List.copyOf(emojis);
        }

        /** A naive local time of the old bot, read in the legacy zone; a time with an offset is taken as it is. */
        private Instant time(JsonNode entry, String field) throws Unusable {
            if (absent(entry, field)) {
                return null;
            }
            JsonNode value = entry.get(field);
            String text = value.isTextual() ? value.asText() : null;
            if (text != null) {
                Instant instant = parseTime(text);
                if (instant != null) {
                    if (!Times.inRange(instant)) {
                        throw new Unusable(field + " " + Times.RANGE + ", not " + text);
                    }
                    return instant;
                }
            }
            throw new Unusable(field + " must be a time such as 2025-08-20T18:00:00, not " + typeOf(value));
        }

        private Instant parseTime(String text) {
            try {
                return LocalDateTime.parse(text).atZone(zone).toInstant().truncatedTo(ChronoUnit.MILLIS);
            } catch (DateTimeParseException naive) {
                try {
                    return OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MILLIS);
                } catch (DateTimeParseException withOffset) {
                    return null;
                }
            }
        }

        /** Members and answers: an id that is not one is left out and reported, the entry stays. */
        private static Set<Long> userIds(JsonNode entry, String field, List<String> adjustments) throws Unusable {
            Set<Long> ids = new LinkedHashSet<>();
            if (absent(entry, field)) {
                return ids;
            }
            JsonNode value = entry.get(field);
            if (!value.isArray()) {
                throw new Unusable(field + " must be an array of user ids, not " + typeOf(value));
            }
            for (int i = 0; i < value.size(); i++) {
                String text = idText(value.get(i));
                if (Ids.isValid(text)) {
                    ids.add(Long.parseLong(text));
                } else {
                    adjustments.add(field + "[" + i + "] is not a Discord user id (" + typeOf(value.get(i)) + "); left out");
                }
            }
            return ids;
        }

        private static long requiredId(JsonNode entry, String field) throws Unusable {
            if (absent(entry, field)) {
                throw new Unusable(field + " is missing");
            }
            try {
                return Ids.parse(field, idText(entry.get(field)));
            } catch (ApiException notAnId) {
                throw new Unusable(notAnId.getMessage() + "; it is " + typeOf(entry.get(field)));
            }
        }

        private static String text(JsonNode entry, String field) throws Unusable {
            if (absent(entry, field)) {
                return null;
            }
            JsonNode value = entry.get(field);
            if (!value.isTextual()) {
                throw new Unusable(field + " must be a string, not " + typeOf(value));
            }
            return value.asText();
        }

        private static boolean flag(JsonNode entry, String field) throws Unusable {
            if (absent(entry, field)) {
                return false;
            }
            JsonNode value = entry.get(field);
            if (!value.isBoolean()) {
                throw new Unusable(field + " must be true or false, not " + typeOf(value));
            }
            return value.asBoolean();
        }

        /** Ids are numbers in the old file; strings of digits are accepted as in the API. Anything else is no id. */
        private static String idText(JsonNode value) {
            return value.isIntegralNumber() || value.isTextual() ? value.asText() : null;
        }

        private static boolean absent(JsonNode entry, String field) {
            return entry.path(field).isMissingNode() || entry.get(field).isNull();
        }

        private static String typeOf(JsonNode value) {
            if (value.isTextual()) {
                return "the string \"" + abbreviate(value.asText()) + "\"";
            }
            if (value.isNumber() || value.isBoolean()) {
                return value.asText();
            }
            return "a JSON " + value.getNodeType().name().toLowerCase();
        }

        private static String abbreviate(String text) {
            return text.length() <= 40 ? text : text.substring(0, 40) + "…";
        }

        /** requiredReactions[1] → required_reactions[1]: the report speaks the file's language. */
        private static String legacyName(String field) {
            return field.replaceAll("([A-Z])", "_$1").toLowerCase();
        }
    }
}
