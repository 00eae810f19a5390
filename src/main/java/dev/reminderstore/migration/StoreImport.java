package dev.reminderstore.migration;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.reminderstore.api.ApiException;
import dev.reminderstore.api.Ids;
import dev.reminderstore.api.JsonProblems;
import dev.reminderstore.api.Problem;
import dev.reminderstore.api.ProblemMappers;
import dev.reminderstore.db.Jdbc;
import dev.reminderstore.db.JsonConverters;
import dev.reminderstore.db.WriteTransaction;
import dev.reminderstore.event.Event;
import dev.reminderstore.event.EventRequest;
import dev.reminderstore.event.IntervalLimits;
import dev.reminderstore.guild.GuildRequest;
import dev.reminderstore.reaction.AnswerRequest;
import dev.reminderstore.reminder.ReminderStatus;
import dev.reminderstore.user.MemberRequest;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Loads a {@link StoreDocument} into an empty store, in one transaction: a document that is wrong anywhere
 * (a bad row, a reaction to an event it does not hold, a truncated end) is refused whole with a 400.
 * Every row passes the checks of the API (ids, emojis, title, interval limits).
 */
@ApplicationScoped
public class StoreImport {

    private final ObjectMapper json;
    private final Validator validator;
    private final IntervalLimits limits;

    public StoreImport(ObjectMapper json, Validator validator, IntervalLimits limits) {
        this.json = json;
        this.validator = validator;
        this.limits = limits;
    }

    /** Rows loaded per table. */
    public record Report(int guilds, int users, int events, int reactions, int reminderLogs, long durationMs) {
    }

    @WriteTransaction
    public Report load(InputStream document) {
        return Jdbc.inTransaction(connection -> {
            if (!isEmpty(connection)) {
                throw ApiException.conflict("the store is not empty: a store document loads into an empty store only"
                        + " (delete the guilds, or start on a new database file)");
            }
            try (JsonParser parser = json.createParser(document);
                 RowInserter inserter = new RowInserter(connection)) {
                long started = System.nanoTime();
                new Load(parser, inserter).run();
                inserter.flush();
                RowInserter.Counts counts = inserter.counts();
                Report report = new Report(counts.guilds, counts.users, counts.events, counts.reactions, counts.reminderLogs,
                        (System.nanoTime() - started) / 1_000_000);
                Log.infof("Loaded a store document: %s", report);
                return report;
            } catch (JsonProcessingException e) {
                throw new ApiException(JsonProblems.of(e));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the store document: " + e.getMessage(), e);
            }
        });
    }

    private static boolean isEmpty(Connection connection) throws SQLException {
        // Every other table hangs off a guild.
        try (PreparedStatement select = connection.prepareStatement("select guild_id from guild limit 1");
             ResultSet rows = select.executeQuery()) {
            return !rows.next();
        }
    }

    /** A user id under its guild (a member) or under its event (an answer). */
    private record UserKey(long owner, long userId) {
    }

    @FunctionalInterface
    private interface RowLoader<T> {
        void load(T row) throws SQLException;
    }

    /** One pass over the document, with what it has loaded so far to check references and duplicates. */
    private final class Load {
        private final JsonParser parser;
        private final RowInserter inserter;
        private final Set<Long> guilds = new HashSet<>();
        private final Set<UserKey> users = new HashSet<>();
        private final Set<Long> events = new HashSet<>();
        private final Set<UserKey> reactions = new HashSet<>();
        private String section;
        private int index;

        Load(JsonParser parser, RowInserter inserter) {
            this.parser = parser;
            this.inserter = inserter;
        }

        void run() throws IOException, SQLException {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw ApiException.badRequest("a store document is a JSON object with format, version and the tables "
                        + String.join(", ", StoreDocument.SECTIONS));
            }
            boolean formatSeen = false;
            boolean versionSeen = false;
            int lastSection = -1;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if (field.equals("format")) {
                    if (!StoreDocument.FORMAT.equals(parser.getValueAsString())) {
                        throw ApiException.invalid("format", "must be \"" + StoreDocument.FORMAT + "\"");
                    }
                    formatSeen = true;
                } else if (field.equals("version")) {
                    if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT || parser.getValueAsInt() != StoreDocument.VERSION) {
                        throw ApiException.invalid("version", "must be " + StoreDocument.VERSION + ", the version this service reads");
                    }
                    versionSeen = true;
                } else {
                    int position = StoreDocument.SECTIONS.indexOf(field);
                    if (position < 0) {
                        throw ApiException.invalid(field, "is not part of a store document (format, version, "
                                + String.join(", ", StoreDocument.SECTIONS) + ")");
                    }
                    if (!formatSeen || !versionSeen) {
                        throw ApiException.badRequest("format and version must come before the tables");
                    }
                    if (position <= lastSection) {
                        throw ApiException.invalid(field, "must come before " + StoreDocument.SECTIONS.get(lastSection)
                                + ": the tables are read in the order " + String.join(", ", StoreDocument.SECTIONS));
                    }
                    lastSection = position;
                    section(field);
                }
            }
            if (!formatSeen || !versionSeen) {
                throw ApiException.badRequest("format and version are required");
            }
            if (parser.nextToken() != null) {
                throw ApiException.badRequest("unexpected content after the end of the document");
            }
        }

        private void section(String name) throws IOException, SQLException {
            section = name;
            if (parser.currentToken() != JsonToken.START_ARRAY) {
                throw ApiException.invalid(name, "must be an array of rows");
            }
            switch (name) {
                case "guilds" -> rows(StoreDocument.GuildRow.class, this::guild);
                case "users" -> rows(StoreDocument.UserRow.class, this::user);
                case "events" -> rows(StoreDocument.EventRow.class, this::event);
                case "reactions" -> rows(StoreDocument.ReactionRow.class, this::reaction);
                default -> rows(StoreDocument.ReminderLogRow.class, this::reminderLog);
            }
        }

        private <T> void rows(Class<T> type, RowLoader<T> loader) throws IOException, SQLException {
            // One row per call in a stream of many: the tokens after it are the document's, not trailing garbage.
            ObjectReader reader = json.readerFor(type).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
            for (index = 0; parser.nextToken() != JsonToken.END_ARRAY; index++) {
                if (parser.currentToken() != JsonToken.START_OBJECT) {
                    throw invalid("", "must be an object");
                }
                T row;
                try {
                    row = reader.readValue(parser);
                } catch (JsonProcessingException e) {
                    throw rowProblem(JsonProblems.of(e));
                }
                check(row);
                loader.load(row);
            }
        }

        private void guild(StoreDocument.GuildRow row) throws SQLException {
            long guildId = id("guildId", row.guildId());
            if (!row.settings().isObject()) {
                throw invalid("settings", "must be an object");
            }
            check(new GuildRequest(row.name(), Map.of()));
            if (!guilds.add(guildId)) {
                throw invalid("guildId", "repeats a guild listed before");
            }
            inserter.guild(guildId, row.name(), JsonConverters.write(row.settings()), row.createdAt(), row.updatedAt());
        }

        private void user(StoreDocument.UserRow row) throws SQLException {
            long guildId = knownGuild(row.guildId());
            check(new MemberRequest(row.userId(), row.username(), row.isBot()));
            long userId = id("userId", row.userId());
            if (!users.add(new UserKey(guildId, userId))) {
                throw invalid("userId", "repeats a member of this guild listed before");
            }
            inserter.user(guildId, userId, row.username(), Boolean.TRUE.equals(row.isBot()), row.lastSeen(),
                    row.createdAt(), row.updatedAt());
        }

        private void event(StoreDocument.EventRow row) throws SQLException {
            check(new EventRequest(row.messageId(), row.channelId(), row.guildId(), row.title(), row.description(),
                    row.intervalMinutes(), row.isPaused(), row.lastReminder(), row.requiredReactions()));
            long messageId = id("messageId", row.messageId());
            long guildId = knownGuild(row.guildId());
            if (row.intervalMinutes() == null) {
                throw invalid("intervalMinutes", "is required");
            }
            rowChecked(() -> {
                limits.check("intervalMinutes", row.intervalMinutes());
                return null;
            });
            if (!events.add(messageId)) {
                throw invalid("messageId", "repeats an event listed before");
            }
            // The document's nextReminderAt is not read: the due rule gives it (the reminder job parks it later
            // if nobody is missing).
            boolean paused = Boolean.TRUE.equals(row.isPaused());
            inserter.event(new RowInserter.EventRow(messageId, id("channelId", row.channelId()), guildId, row.title(),
                    row.description(), row.intervalMinutes(), paused, row.lastReminder(),
                    Event.scheduledReminder(row.lastReminder(), row.intervalMinutes(), paused),
                    JsonConverters.write(row.requiredReactions()), row.version(),
                    row.createdAt(), row.updatedAt()));
        }

        private void reaction(StoreDocument.ReactionRow row) throws SQLException {
            long messageId = knownEvent(row.messageId());
            check(new AnswerRequest(row.userId(), row.emoji()));
            long userId = id("userId", row.userId());
            if (!reactions.add(new UserKey(messageId, userId))) {
                throw invalid("userId", "repeats an answer to this event listed before");
            }
            inserter.reaction(new RowInserter.ReactionRow(messageId, userId, row.emoji(), row.reactedAt(),
                    row.createdAt(), row.updatedAt()));
        }

        private void reminderLog(StoreDocument.ReminderLogRow row) throws SQLException {
            long messageId = knownEvent(row.messageId());
            if (Arrays.stream(ReminderStatus.values()).noneMatch(status -> status.name().equals(row.status()))) {
                throw invalid("status", "must be one of " + Arrays.toString(ReminderStatus.values()));
            }
            // Documents written before the Discord message columns were exported have none: nothing to auto-delete.
            Long discordChannelId = row.discordChannelId() == null ? null : id("discordChannelId", row.discordChannelId());
            Long discordMessageId = row.discordMessageId() == null ? null : id("discordMessageId", row.discordMessageId());
            inserter.reminderLog(new RowInserter.ReminderLogRow(messageId, row.scheduledAt(), row.sentAt(),
                    row.usersNotified(), row.status(), row.errorMessage(), row.createdAt(), row.updatedAt(),
                    discordChannelId, discordMessageId, row.deleteAt(), row.claimedBy()));
        }

        private long knownGuild(String text) {
            long guildId = id("guildId", text);
            if (!guilds.contains(guildId)) {
                throw invalid("guildId", "names no guild of the document");
            }
            return guildId;
        }

        private long knownEvent(String text) {
            long messageId = id("messageId", text);
            if (!events.contains(messageId)) {
                throw invalid("messageId", "names no event of the document");
            }
            return messageId;
        }

        private long id(String field, String text) {
            if (text == null) {
                throw invalid(field, "is required");
            }
            return rowChecked(() -> Ids.parse(field, text));
        }

        private <T> void check(T value) {
            Set<ConstraintViolation<T>> violations = validator.validate(value);
            if (!violations.isEmpty()) {
                ConstraintViolation<T> first = violations.stream()
                        .min((a, b) -> ProblemMappers.fieldOf(a).compareTo(ProblemMappers.fieldOf(b))).orElseThrow();
                throw invalid(ProblemMappers.fieldOf(first), violations.stream()
                        .filter(v -> ProblemMappers.fieldOf(v).equals(ProblemMappers.fieldOf(first)))
                        .map(ConstraintViolation::getMessage).sorted().collect(Collectors.joining("; ")));
            }
        }

        /** Runs a check of the API, naming the row in its answer. */
        private <T> T rowChecked(Supplier<T> check) {
            try {
                return check.get();
            } catch (ApiException e) {
                throw rowProblem(e.toProblem());
            }
        }

        /** A problem of one field of the current row, named by its place: {@code events[3].title}. */
        private ApiException invalid(String field, String message) {
            return ApiException.invalid(place() + (field.isEmpty() ? "" : "." + field), message);
        }

        private ApiException rowProblem(Problem problem) {
            if (problem.errors() != null && problem.errors().size() == 1) {
                Problem.FieldError error = problem.errors().get(0);
                return invalid(error.field(), error.message());
            }
            return ApiException.badRequest(place() + ": " + problem.detail());
        }

        private String place() {
            return section + "[" + index + "]";
        }
    }
}
