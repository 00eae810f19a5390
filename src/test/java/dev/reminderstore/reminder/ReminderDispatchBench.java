package dev.reminderstore.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reminderstore.db.Jdbc;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import com.sun.management.OperatingSystemMXBean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The reminder benchmark (bench/reminder-dispatch): 100,000 events of which 10,000 are due, log delivery,
 * claim → deliver → record through the real dispatcher; then the due query at 1,000,000 events. Skipped unless
 * {@code -Dbench=true}; it writes its figures to target/bench/reminder-dispatch.txt.
 */
@QuarkusTest
@TestProfile(ReminderDispatchBench.FreshDatabase.class)
@EnabledIfSystemProperty(named = "bench", matches = "true")
class ReminderDispatchBench {

    /** A database of its own, made afresh for every run: the figures must not depend on what other tests left. */
    public static class FreshDatabase implements QuarkusTestProfile {
        static final String FILE = "target/bench/reminder-bench.db";

        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                for (String suffix : List.of("", "-wal", "-shm")) {
                    Files.deleteIfExists(Path.of(FILE + suffix));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("reminder.database-path", FILE, "%test.reminder.database-path", FILE);
        }
    }

    private static final int GUILDS = 100;
    private static final int MEMBERS_PER_GUILD = 20;
    private static final int ANSWERS_PER_DUE_EVENT = 5;
    private static final long ID_BASE = 7_000_000_000_000L;

    @Inject
    ReminderDispatcher dispatcher;

    @Inject
    AgroalDataSource dataSource;

    private final List<String> report = new ArrayList<>();
    private long nextEventId = ID_BASE;

    @Test
    void dispatchTenThousandDueAmongOneHundredThousandThenQueryAtOneMillion() throws Exception {
        Instant now = Instant.now();
        seedGuilds(now);
        seedEvents(now, 0, 2_000);
        long started = System.nanoTime();
        int warmUp = dispatcher.dispatchDue();
        note("warm-up (JIT): %,d reminders in %.2f s", warmUp, seconds(started));
        long sentBefore = count("select count(*) from reminderlog where status = 'sent'");
        started = System.nanoTime();
        seedEvents(now, 90_000, 10_000);
        note("seeded 100,000 events (10,000 due, %d answers each) in %.1f s", ANSWERS_PER_DUE_EVENT, seconds(started));

        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double loadBefore = os.getSystemLoadAverage();
        long cpuStarted = os.getProcessCpuTime();
        started = System.nanoTime();
        int claimed = dispatcher.dispatchDue();
        double took = seconds(started);
        double cpu = (os.getProcessCpuTime() - cpuStarted) / 1e9;
        note("dispatch (claim -> log delivery -> record): %,d reminders in %.2f s = %,.0f reminders/s", claimed, took, claimed / took);
        note("  process CPU time %.2f s = %,.0f reminders per CPU-second; load average %.1f before, %.1f after (%d cores)",
                cpu, claimed / cpu, loadBefore, os.getSystemLoadAverage(), os.getAvailableProcessors());
        assertThat(claimed).isEqualTo(10_000);
        assertThat(count("select count(*) from reminderlog where status = 'sent'") - sentBefore).isEqualTo(10_000);
        assertThat(count("select count(*) from reminderlog where status <> 'sent'")).isZero();

        started = System.nanoTime();
        seedEvents(Instant.now(), 890_000, 10_000);
        note("grew to %,d events (10,000 due, the warm-up's 2,000 included) in %.1f s", count("select count(*) from event"), seconds(started));
        timeDueQuery();
        Path out = Path.of("target/bench/reminder-dispatch.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, report);
    }

    private void timeDueQuery() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement explain = connection.prepareStatement("explain query plan " + ReminderLedger.DUE_EVENTS_SQL)) {
                bindDue(explain);
                try (ResultSet plan = explain.executeQuery()) {
                    while (plan.next()) {
                        note("EXPLAIN QUERY PLAN: %s", plan.getString("detail"));
                    }
                }
            }
            long[] micros = new long[200];
            try (PreparedStatement due = connection.prepareStatement(ReminderLedger.DUE_EVENTS_SQL)) {
                for (int i = 0; i < micros.length; i++) {
                    long started = System.nanoTime();
                    bindDue(due);
                    int rows = 0;
                    try (ResultSet result = due.executeQuery()) {
                        while (result.next()) {
                            rows++;
                        }
                    }
                    micros[i] = (System.nanoTime() - started) / 1000;
                    assertThat(rows).isEqualTo(500);
                }
            }
            Arrays.sort(micros);
            note("due query (limit 500 of 10,000 due) at 1,000,000 events, 200 runs: median %.2f ms, p99 %.2f ms, max %.2f ms",
                    micros[100] / 1000.0, micros[197] / 1000.0, micros[199] / 1000.0);
        }
    }

    private static void bindDue(PreparedStatement statement) throws SQLException {
        statement.setTimestamp(1, Jdbc.time(Instant.now()));
        statement.setInt(2, 500);
    }

    private void seedGuilds(Instant now) throws SQLException {
        inBatches(connection -> {
            try (PreparedStatement guild = connection.prepareStatement(
                    "insert into guild (guild_id, name, settings, created_at, updated_at) values (?, ?, '{}', ?, ?)");
                 PreparedStatement user = connection.prepareStatement("insert into \"user\" (guild_id, user_id, username,"
                         + " is_bot, created_at, updated_at) values (?, ?, ?, 0, ?, ?)")) {
                for (int g = 0; g < GUILDS; g++) {
                    guild.setLong(1, guildId(g));
                    guild.setString(2, "bench " + g);
                    guild.setTimestamp(3, Jdbc.time(now));
                    guild.setTimestamp(4, Jdbc.time(now));
                    guild.addBatch();
                    for (int m = 0; m < MEMBERS_PER_GUILD; m++) {
                        user.setLong(1, guildId(g));
                        user.setLong(2, memberId(m));
                        user.setString(3, "member " + m);
                        user.setTimestamp(4, Jdbc.time(now));
                        user.setTimestamp(5, Jdbc.time(now));
                        user.addBatch();
                    }
                }
                guild.executeBatch();
                user.executeBatch();
            }
        });
    }

    /** Events spread over the guilds; the due ones became due in the last hour and have a few answers each. */
    private void seedEvents(Instant now, int notDue, int due) throws SQLException {
        inBatches(connection -> {
            try (PreparedStatement event = connection.prepareStatement("insert into event (message_id, channel_id, guild_id,"
                    + " title, interval_minutes, is_paused, last_reminder, next_reminder_at, required_reactions, version,"
                    + " created_at, updated_at) values (?, ?, ?, ?, 60, 0, ?, ?, '[\"✅\",\"❌\",\"❓\"]', 0, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS);
                 PreparedStatement answer = connection.prepareStatement("insert into reaction (event_id, user_id, emoji,"
                         + " reacted_at, created_at, updated_at) values ((select id from event where message_id = ?), ?, '✅', ?, ?, ?)")) {
                int total = notDue + due;
                for (int i = 0; i < total; i++) {
                    boolean isDue = i % (total / due) == 0;
                    long messageId = nextEventId++;
                    Instant next = isDue ? now.minusMillis(1 + (i % 3_600_000)) : now.plus(Duration.ofMinutes(1 + i % 10_000));
                    event.setLong(1, messageId);
                    event.setLong(2, messageId + 1_000_000_000L);
                    event.setLong(3, guildId(i % GUILDS));
                    event.setString(4, "bench event " + i);
                    event.setTimestamp(5, Jdbc.time(next.minus(Duration.ofMinutes(60))));
                    event.setTimestamp(6, Jdbc.time(next));
                    event.setTimestamp(7, Jdbc.time(now));
                    event.setTimestamp(8, Jdbc.time(now));
                    event.addBatch();
                    if (isDue) {
                        for (int a = 0; a < ANSWERS_PER_DUE_EVENT; a++) {
                            answer.setLong(1, messageId);
                            answer.setLong(2, memberId(a));
                            answer.setTimestamp(3, Jdbc.time(now));
                            answer.setTimestamp(4, Jdbc.time(now));
                            answer.setTimestamp(5, Jdbc.time(now));
                            answer.addBatch();
                        }
                    }
                    if (i % 10_000 == 9_999) {
                        event.executeBatch();
                        answer.executeBatch();
                    }
                }
                event.executeBatch();
                answer.executeBatch();
            }
        });
    }

    private interface Work {
        void run(Connection connection) throws SQLException;
    }

    private void inBatches(Work work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            work.run(connection);
            connection.commit();
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static long guildId(int index) {
        return ID_BASE + index;
    }

    private static long memberId(int index) {
        return ID_BASE + 10_000 + index;
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private void note(String format, Object... args) {
        String line = String.format(format, args);
        report.add(line);
        System.out.println("[bench] " + line);
    }
}
