package dev.reminderstore.migration;

import static dev.reminderstore.Api.admin;
import static dev.reminderstore.Api.api;
import static dev.reminderstore.reminder.FakeDiscord.messagesPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.reminderstore.Databases.PostgresqlOnly;
import dev.reminderstore.PackagedInstance;
import dev.reminderstore.reminder.FakeDiscord;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Moving a store from SQLite to PostgreSQL (docs/postgresql.md): a SQLite build of the service is filled through its
 * API with a bit of everything, its export is imported into a PostgreSQL build, and then both stores must be the
 * same: the two exports byte for byte, every row of every table read with plain JDBC (all columns but the internal
 * keys, so also what the export might leave out), and the API's answers.
 *
 * <p>The SQLite build is the second Quarkus build of the postgresql profile (target/sqlite-app, pom.xml); the
 * PostgreSQL database is the failsafe one (QUARKUS_DATASOURCE_JDBC_URL...), wiped at start.
 */
@PostgresqlOnly
class MoveToPostgresqlIT {

    private static final Path SQLITE_APP = Path.of("target/sqlite-app/quarkus-run.jar");
    private static final Path SQLITE_FILE = Path.of("target/it-data/move/reminder-store.db").toAbsolutePath();
    private static final FakeDiscord DISCORD = FakeDiscord.INSTANCE;

    /** Ids at the top of the range: 2^63-1 is the largest Discord id a long holds. */
    private static final String MAX_ID = "9223372036854775807";
    private static final String BIG_GUILD = "9223372036854775806";
    private static final String QUIET_GUILD = "1";
    private static final String RAID = MAX_ID;
    private static final String PAUSED = "9223372036854775805";
    private static final String OVERDUE = "9223372036854775804";
    private static final String WEEKLY = "9223372036854775803";
    private static final int MEMBERS = 300;

    private static PackagedInstance sqlite;
    private static PackagedInstance postgresql;

    @BeforeAll
    static void startSqlite() throws Exception {
        Files.createDirectories(SQLITE_FILE.getParent());
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(Path.of(SQLITE_FILE + suffix));
        }
        Map<String, String> env = commonEnvironment();
        env.put("DATABASE_PATH", SQLITE_FILE.toString());
        // the failsafe environment names the PostgreSQL database; the SQLite build must use its file
        env.put("QUARKUS_DATASOURCE_JDBC_URL", null);
        env.put("QUARKUS_DATASOURCE_USERNAME", null);
        env.put("QUARKUS_DATASOURCE_PASSWORD", null);
        sqlite = PackagedInstance.start("move-sqlite", SQLITE_APP, env);
    }

    @AfterAll
    static void stopInstances() throws InterruptedException {
        for (PackagedInstance instance : new PackagedInstance[] {sqlite, postgresql}) {
            if (instance != null) {
                instance.close();
            }
        }
    }

    /** Discord delivery to the stand-in, with both jobs off: nothing changes the stores but the test. */
    private static Map<String, String> commonEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("REMINDER_DELIVERY", "discord");
        env.put("DISCORD_TOKEN", "move-test-token");
        env.put("DISCORD_API_BASE_URL", DISCORD.baseUrl() + FakeDiscord.API);
        env.put("REMINDER_POLL_INTERVAL", "off");
        env.put("REMINDER_AUTO_DELETE_POLL_INTERVAL", "off");
        env.put("AUTO_MIGRATE", "false");
        env.put("LEGACY_TIMEZONE", "UTC");
        return env;
    }

    @Test
    void aSqliteStoreMovesToPostgresqlRowForRow() throws Exception {
        fill(sqlite);
        String exported = admin().port(sqlite.port()).get("/api/v1/admin/export").then().statusCode(200).extract().asString();
        JsonPath document = JsonPath.from(exported);

        Map<String, String> env = commonEnvironment();
        env.put("QUARKUS_FLYWAY_CLEAN_DISABLED", "false");
        env.put("QUARKUS_FLYWAY_CLEAN_AT_START", "true");
        env.put("DATABASE_PATH", Path.of("target/it-data/move/unused.db").toAbsolutePath().toString());
        postgresql = PackagedInstance.start("move-postgresql", PackagedInstance.MAIN_APP, env);
        // SQLite keeps a NUL character in text, PostgreSQL refuses it: such a store is refused whole, nothing loaded.
        String withNul = exported.replace("Ünïcödé", "Ün\\u0000ïcödé");
        assertThat(withNul).isNotEqualTo(exported);
        admin().port(postgresql.port()).body(withNul).post("/api/v1/admin/import").then().statusCode(400)
                .body("detail", containsString("invalid byte sequence for encoding \"UTF8\": 0x00"));
        api().port(postgresql.port()).get("/api/v1/guilds/" + BIG_GUILD).then().statusCode(404);
        admin().port(postgresql.port()).body(exported).post("/api/v1/admin/import").then().statusCode(200)
                .body("guilds", equalTo(document.getList("guilds").size()))
                .body("users", equalTo(document.getList("users").size()))
                .body("events", equalTo(document.getList("events").size()))
                .body("reactions", equalTo(document.getList("reactions").size()))
                .body("reminderLogs", equalTo(document.getList("reminderLogs").size()));

        String exportedAgain = admin().port(postgresql.port()).get("/api/v1/admin/export").then().statusCode(200)
                .extract().asString();
        // kept for a look when they differ (diff <(jq . target/move-sqlite.json) <(jq . target/move-postgresql.json))
        Files.writeString(Path.of("target/move-sqlite.json"), exported);
        Files.writeString(Path.of("target/move-postgresql.json"), exportedAgain);
        assertThat(exportedAgain).isEqualTo(exported);

        try (Connection from = DriverManager.getConnection("jdbc:sqlite:" + SQLITE_FILE);
             Connection to = DriverManager.getConnection(System.getenv("QUARKUS_DATASOURCE_JDBC_URL"),
                     System.getenv("QUARKUS_DATASOURCE_USERNAME"), System.getenv("QUARKUS_DATASOURCE_PASSWORD"))) {
            for (String table : List.of("guild", "user", "event", "reaction", "reminderlog")) {
                List<List<Object>> rows = rows(to, table, to);
                assertThat(rows).as(table).isNotEmpty().isEqualTo(rows(from, table, to));
            }
        }

        assertSameAnswers(document);
    }

    /** A bit of everything: the legacy import, big ids, Unicode, nulls, paused and overdue events, sent and failed logs. */
    private static void fill(PackagedInstance instance) {
        Supplier<RequestSpecification> api = () -> api().port(instance.port());
        admin().port(instance.port()).body(Stores.read(Stores.CURRENT)).post("/api/v1/admin/migrate").then().statusCode(200);

        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("reminderChannelId", MAX_ID);
        settings.put("autoDeleteDelayHours", 0.5);
        settings.put("largeNumber", Long.MAX_VALUE);
        settings.put("nested", Map.of("list", List.of(1, 2.5, "zwei", true), "empty", Map.of()));
        settings.put("nothing", null);
        settings.put("ключ 🔑", "värde — 値 \"quoted\" \\ back\nslash");
        api.get().body(Map.of("name", "Ünïcödé 🐉 guild — 日本語", "settings", settings))
                .put("/api/v1/guilds/" + BIG_GUILD).then().statusCode(201);
        api.get().body(Map.of()).put("/api/v1/guilds/" + QUIET_GUILD).then().statusCode(201);

        List<Map<String, Object>> members = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            Map<String, Object> member = new HashMap<>();
            member.put("userId", Long.toString(Long.MAX_VALUE - i));
            member.put("username", i % 7 == 0 ? null : "mémbre " + i + (i % 3 == 0 ? " 🎮" : ""));
            member.put("isBot", i % 50 == 1);
            members.add(member);
        }
        members.add(Map.of("userId", "1", "username", "the first"));
        api.get().body(members).put("/api/v1/guilds/" + BIG_GUILD + "/users").then().statusCode(200);
        api.get().body(Map.of("username", "seen", "isBot", false, "lastSeen", "2026-01-02T03:04:05.678Z"))
                .put("/api/v1/guilds/" + BIG_GUILD + "/users/2").then().statusCode(201);
        api.get().body(Map.of("username", "quiet one")).put("/api/v1/guilds/" + QUIET_GUILD + "/users/" + MAX_ID)
                .then().statusCode(201);

        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        event(api.get(), RAID, MAX_ID, "Raid 🐲 «ünïcode» 日本語 👨‍👩‍👧", null, 7.5, false, now,
                List.of("✅", "<:custom:" + MAX_ID + ">", "<a:dance:1>", "👍🏽", "🏳️‍🌈", "1️⃣"));
        event(api.get(), PAUSED, "2", "Paused", "line one\nline two \"quoted\" \\ and a tab\t.", 60, true, now, null);
        event(api.get(), OVERDUE, "9223372036854775000", "Overdue", "", 5, false, now.minus(Duration.ofHours(3)), null);
        event(api.get(), WEEKLY, "3", "Weekly", "d", 1440, false, now.plus(Duration.ofDays(2)), List.of("🗓️"));
        for (int i = 0; i < 3; i++) {
            api.get().contentType("application/merge-patch+json").body(Map.of("description", "edited " + i))
                    .patch("/api/v1/events/" + WEEKLY).then().statusCode(200);
        }

        String[] emojis = {"✅", "<:custom:" + MAX_ID + ">", "👍🏽", "🏳️‍🌈", "1️⃣", "❌"};
        List<Map<String, Object>> answers = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i += 3) {
            answers.add(Map.of("userId", Long.toString(Long.MAX_VALUE - i), "emoji", emojis[i % emojis.length]));
        }
        api.get().body(answers).put("/api/v1/events/" + RAID + "/reactions").then().statusCode(200);
        api.get().body(Map.of("emoji", "✅")).put("/api/v1/events/" + OVERDUE + "/reactions/1").then().statusCode(201);
        api.get().body(Map.of("emoji", "🗓️")).put("/api/v1/events/" + WEEKLY + "/reactions/" + MAX_ID).then().statusCode(201);

        // Reminder logs: sent (with the posted message and its auto-delete time), and failed with Discord's answer.
        api.get().post("/api/v1/events/" + RAID + "/remind").then().statusCode(200).body("status", equalTo("sent"));
        api.get().post("/api/v1/events/" + WEEKLY + "/remind").then().statusCode(200).body("status", equalTo("sent"));
        // the guild's reminderChannelId setting names the channel all its reminders go to
        DISCORD.script(messagesPath(MAX_ID),
                FakeDiscord.Answer.of(403, "{\"message\": \"Missing Access\", \"code\": 50001}"));
        api.get().post("/api/v1/events/" + OVERDUE + "/remind").then().statusCode(200).body("status", equalTo("failed"));
    }

    private static void event(RequestSpecification request, String messageId, String channelId, String title,
                              String description, double interval, boolean paused, Instant lastReminder,
                              List<String> reactions) {
        Map<String, Object> body = new HashMap<>();
        body.put("channelId", channelId);
        body.put("guildId", BIG_GUILD);
        body.put("title", title);
        body.put("description", description);
        body.put("intervalMinutes", interval);
        body.put("isPaused", paused);
        body.put("lastReminder", lastReminder.toString());
        if (reactions != null) {
            body.put("requiredReactions", reactions);
        }
        request.body(body).put("/api/v1/events/" + messageId).then().statusCode(201);
    }

    /**
     * Every row of a table, all columns but the internal keys (a row's own id, and the event's id replaced by
     * its message id), in a fixed order. The column types are read from PostgreSQL's schema ({@code typed}), so that
     * SQLite's epoch milliseconds and 0/1 are read as times and booleans.
     */
    private static List<List<Object>> rows(Connection connection, String table, Connection typed) throws SQLException {
        String quoted = "\"" + table + "\"";
        List<String> columns = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        boolean ofEvent = false;
        try (ResultSet none = typed.createStatement().executeQuery("select * from " + quoted + " where 1 = 0")) {
            ResultSetMetaData meta = none.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                String column = meta.getColumnName(i);
                if (column.equals("event_id")) {
                    ofEvent = true;
                } else if (!column.equals("id")) {
                    columns.add("t." + column);
                    types.add(meta.getColumnType(i));
                }
            }
        }
        if (ofEvent) {
            columns.add("e.message_id");
            types.add(Types.BIGINT);
        }
        String sql = "select " + String.join(", ", columns) + " from " + quoted + " t"
                + (ofEvent ? " join event e on e.id = t.event_id" : "");
        List<List<Object>> rows = new ArrayList<>();
        try (ResultSet result = connection.createStatement().executeQuery(sql)) {
            while (result.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 0; i < columns.size(); i++) {
                    row.add(value(result, i + 1, types.get(i)));
                }
                rows.add(row);
            }
        }
        rows.sort(Comparator.comparing(Object::toString));
        return rows;
    }

    private static Object value(ResultSet result, int column, int type) throws SQLException {
        Object value = switch (type) {
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
                Timestamp time = result.getTimestamp(column);
                yield time == null ? null : time.toInstant();
            }
            case Types.BOOLEAN, Types.BIT -> result.getBoolean(column);
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT -> result.getLong(column);
            case Types.DOUBLE, Types.REAL, Types.FLOAT -> result.getDouble(column);
            default -> result.getString(column);
        };
        return result.wasNull() ? null : value;
    }

    /** The API's answers agree: guilds, members, events, status, answers, the due list and the reminder logs. */
    private static void assertSameAnswers(JsonPath document) {
        List<String> paths = new ArrayList<>();
        for (String guildId : document.<String>getList("guilds.guildId")) {
            paths.add("/api/v1/guilds/" + guildId);
            paths.add("/api/v1/guilds/" + guildId + "/users?limit=100");
            paths.add("/api/v1/events?guildId=" + guildId);
        }
        for (String messageId : document.<String>getList("events.messageId")) {
            paths.add("/api/v1/events/" + messageId);
            paths.add("/api/v1/events/" + messageId + "/status");
            paths.add("/api/v1/events/" + messageId + "/reactions?limit=50");
            paths.add("/api/v1/events/" + messageId + "/reminder-logs");
        }
        paths.add("/api/v1/events?dueBefore=" + Instant.now().plus(Duration.ofHours(1)));
        paths.add("/api/v1/events?paused=true");
        paths.add("/api/v1/reminder-logs?status=failed");
        for (String path : paths) {
            assertThat(answer(postgresql, path)).as(path).isEqualTo(answer(sqlite, path));
        }
        JsonPath sqliteInfo = JsonPath.from(admin().port(sqlite.port()).get("/api/v1/admin/database").then().statusCode(200)
                .extract().asString());
        admin().port(postgresql.port()).get("/api/v1/admin/database").then().statusCode(200)
                .body("databaseKind", equalTo("postgresql"))
                .body("schemaVersion", equalTo(sqliteInfo.getString("schemaVersion")))
                .body("rowCounts", equalTo(sqliteInfo.getMap("rowCounts")));
    }

    private static String answer(PackagedInstance instance, String path) {
        return api().port(instance.port()).urlEncodingEnabled(false).get(path).then().statusCode(200).extract().asString();
    }
}
