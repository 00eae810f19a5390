package dev.reminderstore.migration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reminderstore.api.ApiException;
import dev.reminderstore.api.JsonProblems;
import dev.reminderstore.config.StoreConfig;
import dev.reminderstore.config.TimeSource;
import dev.reminderstore.db.Jdbc;
import dev.reminderstore.db.JsonConverters;
import dev.reminderstore.db.WriteTransaction;
import dev.reminderstore.event.Event;
import dev.reminderstore.event.IntervalLimits;
import dev.reminderstore.reminder.ReminderSchedule;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Imports the old bot's JSON document: each entry becomes an event in its guild (created if absent), its members
 * the guild's users, and each member who reacted a reaction with the event's first required emoji.
 *
 * <p>The document is read entry by entry and written in batches, all in one transaction: a document that turns
 * out broken half-way (truncated, say) leaves the store as it was. Entries that cannot be used are skipped and
 * named in the report; the rest are imported.
 */
@Startup // a bad LEGACY_TIMEZONE stops the start with its reason, rather than failing the first import
@ApplicationScoped
public class LegacyMigration {

    private static final long PROGRESS_EVERY_NANOS = 5_000_000_000L;

    private final ObjectMapper json;
    private final TimeSource time;
    private final AgroalDataSource dataSource;
    private final LegacyEntry.Parser parser;
    private final ReminderSchedule reminders;

    public LegacyMigration(ObjectMapper json, TimeSource time, AgroalDataSource dataSource, IntervalLimits limits,
                           Validator validator, StoreConfig config, ReminderSchedule reminders) {
        this.json = json;
        this.time = time;
        this.dataSource = dataSource;
        this.reminders = reminders;
        this.parser = new LegacyEntry.Parser(legacyZone(config), limits, validator);
    }

    private static ZoneId legacyZone(StoreConfig config) {
        String zone = config.migration().legacyTimezone().map(String::trim).orElse("");
        try {
            return zone.isEmpty() ? ZoneId.systemDefault() : ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("LEGACY_TIMEZONE \"" + zone + "\" is not a time zone (e.g. Europe/Paris, UTC): "
                    + e.getMessage(), e);
        }
    }

    /** Imports the document in one transaction. */
    @WriteTransaction
    public MigrationReport migrate(InputStream document, String source) {
        MigrationReport report = Jdbc.inTransaction(connection -> run(document, source, connection, false));
        Log.infof("Imported legacy document (%s): %s", source, report.summary());
        return report;
    }

    /** The report an import would give, without writing anything (and without waiting for the write lock). */
    public MigrationReport preview(InputStream document, String source) {
        try (Connection connection = dataSource.getConnection()) {
            return run(document, source, connection, true);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the store: " + e.getMessage(), e);
        }
    }

    private MigrationReport run(InputStream document, String source, Connection connection, boolean dryRun) throws SQLException {
        long started = System.nanoTime();
        Instant now = time.now();
        Run run = new Run(connection, now);
        try (LegacyDocumentReader reader = new LegacyDocumentReader(json, document);
             RowInserter inserter = new RowInserter(dryRun ? null : connection)) {
            long lastProgress = started;
            for (LegacyDocumentReader.Entry entry = reader.next(); entry != null; entry = reader.next()) {
                run.add(entry, inserter);
                if (System.nanoTime() - lastProgress > PROGRESS_EVERY_NANOS) {
                    lastProgress = System.nanoTime();
                    Log.infof("Legacy import of %s: %d entries read, %d events so far (%d s)", source, run.entries,
                            inserter.counts().events, (lastProgress - started) / 1_000_000_000L);
                }
            }
            inserter.flush();
            if (!dryRun) {
                reminders.rearmGuilds(run.joinedGuilds); // a new member may be missing on the store's own events
            }
            RowInserter.Counts counts = inserter.counts();
            return new MigrationReport(dryRun, source, run.entries, counts.events, counts.guilds, counts.users,
                    counts.reactions, run.skipped, run.adjusted, (System.nanoTime() - started) / 1_000_000);
        } catch (JsonProcessingException e) {
            throw new ApiException(JsonProblems.of(e));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the legacy document: " + e.getMessage(), e);
        }
    }

    /** The state of one import: what the store holds already, what this document added, and the notes. */
    private final class Run {
        private final Connection connection;
        private final Instant now;
        private final Set<Long> guilds;
        private final Set<Long> storedEvents;
        private final Map<Long, Set<Long>> membersByGuild = new HashMap<>();
        /** Guilds of the store (not of this document) that this document adds members to. */
        private final Set<Long> joinedGuilds = new HashSet<>();
        private final Set<Long> storedGuilds = new HashSet<>();
        private final Set<String> seenKeys = new HashSet<>();
        private final List<MigrationReport.EntryNote> skipped = new ArrayList<>();
        private final List<MigrationReport.EntryNote> adjusted = new ArrayList<>();
        private int entries;

        Run(Connection connection, Instant now) throws SQLException {
            this.connection = connection;
            this.now = now;
            this.guilds = ids(connection, "select guild_id from guild");
            this.storedEvents = ids(connection, "select message_id from event");
        }

        void add(LegacyDocumentReader.Entry read, RowInserter inserter) throws SQLException {
            entries++;
            String key = read.key();
            if (!seenKeys.add(key)) {
                skipped.add(new MigrationReport.EntryNote(key, "the key appears more than once in the document; only its first entry is read"));
                return;
            }
            if (read.unreadable() != null) {
                skipped.add(new MigrationReport.EntryNote(key, read.unreadable()));
                return;
            }
            LegacyEntry entry;
            try {
                entry = parser.parse(key, read.value(), now);
            } catch (LegacyEntry.Unusable e) {
                skipped.add(new MigrationReport.EntryNote(key, e.getMessage()));
                return;
            }
            if (storedEvents.contains(entry.messageId())) {
                skipped.add(new MigrationReport.EntryNote(key, "message " + key + " is watched in this store already"));
                return;
            }
            write(entry, inserter);
            entry.adjustments().forEach(note -> adjusted.add(new MigrationReport.EntryNote(key, note)));
        }

        private void write(LegacyEntry entry, RowInserter inserter) throws SQLException {
            long guildId = entry.guildId();
            if (guilds.add(guildId)) {
                inserter.guild(guildId, null, "{}", now, now);
                membersByGuild.put(guildId, new HashSet<>());
            }
            Set<Long> members = membersByGuild.get(guildId);
            if (members == null) {
                storedGuilds.add(guildId);
                members = storedMembers(guildId);
                membersByGuild.put(guildId, members);
            }
            for (Set<Long> users : List.of(entry.allUsers(), entry.reactedUsers())) {
                for (long userId : users) {
                    if (members.add(userId)) {
                        inserter.user(guildId, userId, null, false, null, now, now);
                        if (storedGuilds.contains(guildId)) {
                            joinedGuilds.add(guildId);
                        }
                    }
                }
            }
            inserter.event(new RowInserter.EventRow(entry.messageId(), entry.channelId(), guildId, entry.title(), null,
                    entry.intervalMinutes(), entry.isPaused(), entry.lastReminder(),
                    Event.scheduledReminder(entry.lastReminder(), entry.intervalMinutes(), entry.isPaused()),
                    JsonConverters.write(entry.requiredReactions()), 0, entry.createdAt(), now));
            String answer = entry.requiredReactions().get(0);
            for (long userId : entry.reactedUsers()) {
                inserter.reaction(new RowInserter.ReactionRow(entry.messageId(), userId, answer, now, now, now));
            }
        }

        private Set<Long> storedMembers(long guildId) throws SQLException {
            try (PreparedStatement select = connection.prepareStatement("select user_id from \"user\" where guild_id = ?")) {
                select.setLong(1, guildId);
                return collect(select);
            }
        }
    }

    private static Set<Long> ids(Connection connection, String sql) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            return collect(select);
        }
    }

    private static Set<Long> collect(PreparedStatement select) throws SQLException {
        Set<Long> ids = new HashSet<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }
}
