import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Calendar;
import java.util.HashSet;
import java.util.Set;
import java.util.TimeZone;

/**
 * Baseline of bench/migration-import: the rows the service's legacy import writes (guilds, members, events, answers),
 * inserted with nothing but JDBC into a fresh SQLite file with the service's schema and pragmas, in one transaction.
 * The file is read entry by entry with Jackson, as the service does. No checks, no report: the floor to compare with.
 *
 * usage: java -cp 'target/quarkus-app/lib/main/*' bench/RawJdbcImport.java LEGACY_FILE DATABASE_FILE
 */
public class RawJdbcImport {

    /** Reused for every time bound, as the service does: sqlite-jdbc otherwise builds a Calendar per value. */
    private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    /** Rows per executeBatch, as in the service. */
    private static final int BATCH_SIZE = 1000;

    public static void main(String[] args) throws Exception {
        Path legacy = Path.of(args[0]);
        Path database = Path.of(args[1]);
        // Once into a throw-away file so that the JIT has compiled the path, as in the service's warm run; then measured.
        run(legacy, database.resolveSibling(database.getFileName() + ".warm-up"), "baseline (cold)");
        run(legacy, database, "baseline (warm)");
    }

    private static void run(Path legacy, Path database, String name) throws Exception {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(Path.of(database + suffix));
        }
        String url = "jdbc:sqlite:" + database + "?journal_mode=WAL&foreign_keys=true&busy_timeout=10000&cache_size=-65536"
                + "&synchronous=NORMAL&temp_store=MEMORY&transaction_mode=IMMEDIATE";
        try (Connection connection = DriverManager.getConnection(url)) {
            try (Statement ddl = connection.createStatement()) {
                // the service's own SQLite migrations, in version order (V1 < V2 < ... < V9)
                List<Path> scripts;
                try (var files = Files.list(Path.of("src/main/resources/db/sqlite"))) {
                    scripts = files.filter(file -> file.getFileName().toString().matches("V\\d+__.*\\.sql")).sorted().toList();
                }
                for (Path script : scripts) {
                    for (String sql : Files.readString(script).replaceAll("--[^\n]*", "").split(";")) {
                        if (!sql.isBlank()) {
                            ddl.execute(sql);
                        }
                    }
                }
            }
            long started = System.nanoTime();
            Duration cpuBefore = cpu();
            int[] counts = load(connection, legacy.toFile());
            double seconds = (System.nanoTime() - started) / 1e9;
            double cpuSeconds = cpu().minus(cpuBefore).toNanos() / 1e9;
            System.out.printf("%s: %d events, %d guilds, %d users, %d reactions in %.3f s (%.3f CPU s):"
                            + " %.0f events/s, %.0f events per CPU s%n", name,
                    counts[0], counts[1], counts[2], counts[3], seconds, cpuSeconds, counts[0] / seconds, counts[0] / cpuSeconds);
        }
    }

    /** CPU time of this process (all threads, GC and JIT included): a measure that other load on the machine does not skew. */
    private static Duration cpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElseThrow();
    }

    private static int[] load(Connection connection, File legacy) throws Exception {
        connection.setAutoCommit(false);
        Timestamp now = Timestamp.from(Instant.now());
        ZoneId zone = ZoneId.systemDefault();
        Set<Long> guilds = new HashSet<>();
        Set<String> members = new HashSet<>();
        int events = 0;
        int reactions = 0;
        int pending = 0;
        ObjectMapper mapper = new ObjectMapper();
        try (JsonParser parser = mapper.createParser(legacy);
             PreparedStatement guild = connection.prepareStatement(
                     "insert into guild (guild_id, name, settings, created_at, updated_at) values (?, null, '{}', ?, ?)");
             PreparedStatement user = connection.prepareStatement("insert into \"user\" (guild_id, user_id, username, is_bot,"
                     + " last_seen, created_at, updated_at) values (?, ?, null, 0, null, ?, ?)");
             PreparedStatement event = connection.prepareStatement("insert into event (message_id, channel_id, guild_id, title,"
                     + " description, interval_minutes, is_paused, last_reminder, next_reminder_at, required_reactions, version,"
                     + " created_at, updated_at) values (?, ?, ?, ?, null, ?, ?, ?, ?, ?, 0, ?, ?)", Statement.RETURN_GENERATED_KEYS);
             PreparedStatement reaction = connection.prepareStatement("insert into reaction (event_id, user_id, emoji, reacted_at,"
                     + " created_at, updated_at) values (?, ?, ?, ?, ?, ?)")) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                parser.nextToken();
                JsonNode entry = mapper.readTree(parser);
                long guildId = entry.get("guild_id").asLong();
                if (guilds.add(guildId)) {
                    guild.setLong(1, guildId);
                    guild.setTimestamp(2, now, UTC);
                    guild.setTimestamp(3, now, UTC);
                    guild.executeUpdate();
                }
                for (String list : new String[] {"all_users", "users_who_reacted"}) {
                    for (JsonNode member : entry.get(list)) {
                        if (members.add(guildId + "/" + member.asLong())) {
                            user.setLong(1, guildId);
                            user.setLong(2, member.asLong());
                            user.setTimestamp(3, now, UTC);
                            user.setTimestamp(4, now, UTC);
                            user.addBatch();
                            pending++;
                        }
                    }
                }
                if (pending >= BATCH_SIZE) {
                    user.executeBatch();
                    reaction.executeBatch();
                    pending = 0;
                }
                Instant last = LocalDateTime.parse(entry.get("last_reminder").asText()).atZone(zone).toInstant();
                double interval = entry.get("interval_minutes").asDouble();
                boolean paused = entry.get("is_paused").asBoolean();
                event.setLong(1, entry.get("message_id").asLong());
                event.setLong(2, entry.get("channel_id").asLong());
                event.setLong(3, guildId);
                event.setString(4, entry.get("title").asText());
                event.setDouble(5, interval);
                event.setBoolean(6, paused);
                event.setTimestamp(7, Timestamp.from(last), UTC);
                event.setTimestamp(8, paused ? null : Timestamp.from(last.plusMillis(Math.round(interval * 60_000))), UTC);
                event.setString(9, mapper.writeValueAsString(entry.get("required_reactions")));
                event.setTimestamp(10, Timestamp.from(LocalDateTime.parse(entry.get("created_at").asText()).atZone(zone).toInstant()), UTC);
                event.setTimestamp(11, now, UTC);
                event.executeUpdate();
                long eventId;
                try (ResultSet keys = event.getGeneratedKeys()) {
                    keys.next();
                    eventId = keys.getLong(1);
                }
                events++;
                String emoji = entry.get("required_reactions").get(0).asText();
                for (JsonNode member : entry.get("users_who_reacted")) {
                    reaction.setLong(1, eventId);
                    reaction.setLong(2, member.asLong());
                    reaction.setString(3, emoji);
                    reaction.setTimestamp(4, now, UTC);
                    reaction.setTimestamp(5, now, UTC);
                    reaction.setTimestamp(6, now, UTC);
                    reaction.addBatch();
                    reactions++;
                    pending++;
                }
            }
            user.executeBatch();
            reaction.executeBatch();
        }
        connection.commit();
        return new int[] {events, guilds.size(), members.size(), reactions};
    }
}
