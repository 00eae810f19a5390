package dev.reminderstore.migration;

import static dev.reminderstore.Api.admin;
import static dev.reminderstore.Api.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.reminderstore.event.Event;
import dev.reminderstore.reminder.ReminderLog;
import dev.reminderstore.reminder.ReminderStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GET /api/v1/admin/export and POST /api/v1/admin/import: the whole store out, and back into an empty one. */
@QuarkusTest
class StoreExportImportTest {

    private static final String GUILD = "1100000000000000001";
    private static final String TRAINING = "1187654321098765432";
    private static final String HEAD = "\"format\": \"reminder-store\", \"version\": 1";
    private static final String GUILD_ROW = "{\"guildId\": \"7\", \"name\": null, \"settings\": {},"
            + " \"createdAt\": \"2025-01-01T00:00:00Z\", \"updatedAt\": \"2025-01-01T00:00:00Z\"}";
    private static final String EVENT_ROW = "{\"messageId\": \"8\", \"channelId\": \"9\", \"guildId\": \"7\", \"title\": \"t\","
            + " \"description\": null, \"intervalMinutes\": 60, \"isPaused\": false, \"lastReminder\": \"2025-01-01T00:00:00Z\","
            + " \"nextReminderAt\": \"2025-01-01T01:00:00Z\", \"requiredReactions\": [\"✅\"], \"version\": 0,"
            + " \"createdAt\": \"2025-01-01T00:00:00Z\", \"updatedAt\": \"2025-01-01T00:00:00Z\"}";
    private static final String TIMES = "\"createdAt\": \"2025-01-01T00:00:00Z\", \"updatedAt\": \"2025-01-01T00:00:00Z\"";

    @BeforeEach
    void emptyStore() {
        Stores.wipe();
    }

    @Test
    void exportImportExportGivesTheSameDocument() {
        fillStore();
        String first = admin().get("/api/v1/admin/export").then().statusCode(200)
                .contentType("application/json")
                .header("Content-Disposition", startsWith("attachment; filename=\"reminder-store-"))
                .extract().asString();
        JsonPath document = JsonPath.from(first);
        assertThat(document.getString("format")).isEqualTo("reminder-store");
        assertThat(document.getInt("version")).isEqualTo(1);
        assertThat(document.getList("guilds")).hasSize(2);
        assertThat(document.getList("users")).hasSize(9);
        assertThat(document.getList("events")).hasSize(3);
        assertThat(document.getList("reactions")).hasSize(4);
        assertThat(document.getList("reminderLogs")).hasSize(2);
        assertThat(document.getMap("guilds[0].settings")).isEqualTo(Map.of("reminderChannelId", "42", "roles", List.of(1, 2)));
        // The posted message of a sent reminder travels with it, so that auto-delete still removes it after a move.
        assertThat(document.getString("reminderLogs[0].discordChannelId")).isEqualTo("9223372036854775806");
        assertThat(document.getString("reminderLogs[0].discordMessageId")).isEqualTo("9223372036854775807");
        assertThat(document.getString("reminderLogs[0].deleteAt")).isEqualTo("2025-08-20T18:00:00.250Z");
        assertThat(document.getString("reminderLogs[1].discordMessageId")).isNull();

        Stores.wipe();
        admin().body(first).post("/api/v1/admin/import").then().statusCode(200)
                .body("guilds", equalTo(2))
                .body("users", equalTo(9))
                .body("events", equalTo(3))
                .body("reactions", equalTo(4))
                .body("reminderLogs", equalTo(2));
        String second = admin().get("/api/v1/admin/export").then().statusCode(200).extract().asString();
        assertThat(second).isEqualTo(first);
        api().get("/api/v1/events/" + TRAINING + "/status").then().statusCode(200).body("responded", equalTo(2));
    }

    @Test
    void emptyStoreExportsEmptyTables() {
        admin().get("/api/v1/admin/export").then().statusCode(200)
                .body(equalTo("{\"format\":\"reminder-store\",\"version\":1,\"guilds\":[],\"users\":[],\"events\":[],"
                        + "\"reactions\":[],\"reminderLogs\":[]}"));
    }

    @Test
    void importIntoAStoreInUseIs409() {
        api().body(Map.of("name", "in use")).put("/api/v1/guilds/5").then().statusCode(201);
        admin().body("{" + HEAD + "}").post("/api/v1/admin/import").then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", equalTo("the store is not empty: a store document loads into an empty store only"
                        + " (delete the guilds, or start on a new database file)"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "array         | []                                                 | a store document is a JSON object with format, version and the tables guilds, users, events, reactions, reminderLogs",
            "format        | `{\"format\": \"x\", \"version\": 1}`              | format: must be \"reminder-store\"",
            "version       | `{\"format\": \"reminder-store\", \"version\": 2}` | version: must be 1, the version this service reads",
            "no version    | `{\"format\": \"reminder-store\", \"guilds\": []}` | format and version must come before the tables",
            "order         | `{HEAD, \"events\": [], \"guilds\": []}`           | guilds: must come before events: the tables are read in the order guilds, users, events, reactions, reminderLogs",
            "unknown field | `{HEAD, \"extra\": 1}`                             | extra: is not part of a store document (format, version, guilds, users, events, reactions, reminderLogs)",
            "not an array  | `{HEAD, \"guilds\": {}}`                           | guilds: must be an array of rows",
            "no time       | `{HEAD, \"guilds\": [{\"guildId\": \"7\", \"settings\": {}}]}` | guilds[0].createdAt: is required",
            "settings      | `{HEAD, \"guilds\": [{\"guildId\": \"7\", \"settings\": 3, TIMES}]}` | guilds[0].settings: must be an object",
            "guild id      | `{HEAD, \"guilds\": [{\"guildId\": \"x\", \"settings\": {}, TIMES}]}` | guilds[0].guildId: must be a Discord id: a whole number from 1 to 9223372036854775807",
            "twice         | `{HEAD, \"guilds\": [GUILD_ROW, GUILD_ROW]}`       | guilds[1].guildId: repeats a guild listed before",
            "member type   | `{HEAD, \"guilds\": [GUILD_ROW], \"users\": [{\"guildId\": \"7\", \"userId\": \"1\", \"isBot\": \"yes\", TIMES}]}` | users[0].isBot: must be true or false",
            "member guild  | `{HEAD, \"guilds\": [GUILD_ROW], \"users\": [{\"guildId\": \"6\", \"userId\": \"1\", TIMES}]}` | users[0].guildId: names no guild of the document",
            "interval      | `{HEAD, \"guilds\": [GUILD_ROW], \"events\": [EVENT_ROW_INTERVAL_1]}` | events[0].intervalMinutes: must be from 5 to 1440 minutes",
            "orphan answer | `{HEAD, \"guilds\": [GUILD_ROW], \"reactions\": [{\"messageId\": \"8\", \"userId\": \"1\", \"emoji\": \"✅\", \"reactedAt\": \"2025-01-01T00:00:00Z\", TIMES}]}` | reactions[0].messageId: names no event of the document",
            "bad emoji     | `{HEAD, \"guilds\": [GUILD_ROW], \"events\": [EVENT_ROW], \"reactions\": [{\"messageId\": \"8\", \"userId\": \"1\", \"emoji\": \"yes\", \"reactedAt\": \"2025-01-01T00:00:00Z\", TIMES}]}` | reactions[0].emoji: must be a Unicode emoji or a Discord custom emoji such as <:name:123>",
            "log status    | `{HEAD, \"guilds\": [GUILD_ROW], \"events\": [EVENT_ROW], \"reminderLogs\": [{\"messageId\": \"8\", \"scheduledAt\": \"2025-01-01T00:00:00Z\", \"status\": \"lost\", TIMES}]}` | reminderLogs[0].status: must be one of [pending, sent, failed]",
            "truncated     | `{HEAD, \"guilds\": [GUILD_ROW, `                  | malformed JSON: Unexpected end-of-input",
            "far time      | `{HEAD, \"guilds\": [GUILD_ROW], \"events\": [EVENT_ROW_FAR]}` | events[0].lastReminder: must be a time from 2000-01-01T00:00:00Z to 9999-12-31T23:59:59Z",
            "early time    | `{HEAD, \"guilds\": [{\"guildId\": \"7\", \"settings\": {}, \"createdAt\": \"1970-01-01T00:00:00Z\", \"updatedAt\": \"2025-01-01T00:00:00Z\"}]}` | guilds[0].createdAt: must be a time from 2000-01-01T00:00:00Z to 9999-12-31T23:59:59Z",
    })
    void badDocumentsAre400AndLoadNothing(String kind, String body, String detail) {
        String document = body.replace("HEAD", HEAD).replace("GUILD_ROW", GUILD_ROW)
                .replace("EVENT_ROW_INTERVAL_1", EVENT_ROW.replace("\"intervalMinutes\": 60", "\"intervalMinutes\": 1"))
                .replace("EVENT_ROW_FAR", EVENT_ROW.replace("\"lastReminder\": \"2025-01-01T00:00:00Z\"",
                        "\"lastReminder\": \"+292278994-08-17T07:12:55Z\""))
                .replace("EVENT_ROW", EVENT_ROW).replace("TIMES", TIMES);
        admin().body(document).post("/api/v1/admin/import").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", startsWith(detail));
        api().get("/api/v1/guilds/7").then().statusCode(404);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
            "paused with a past next time   | true  | 2025-01-01T01:00:00Z | none",
            "active with no next time       | false | none                 | 2025-01-01T01:00:00Z",
            "active with a next time far on | false | 2099-01-01T00:00:00Z | 2025-01-01T01:00:00Z",
            "active with an earlier time    | false | 2024-01-01T00:00:00Z | 2025-01-01T01:00:00Z"})
    void importComputesTheNextReminderByTheDueRule(String kind, boolean paused, String documentNext, String expected) {
        String event = EVENT_ROW.replace("\"isPaused\": false", "\"isPaused\": " + paused)
                .replace("\"2025-01-01T01:00:00Z\"", documentNext == null ? "null" : "\"" + documentNext + "\"");
        admin().body("{" + HEAD + ", \"guilds\": [" + GUILD_ROW + "], \"events\": [" + event + "]}")
                .post("/api/v1/admin/import").then().statusCode(200).body("events", equalTo(1));

        api().get("/api/v1/events/8").then().statusCode(200)
                .body("isPaused", equalTo(paused))
                .body("nextReminderAt", equalTo(expected));
    }

    /** Every table, with the columns the legacy import leaves empty filled in through the API. */
    private static void fillStore() {
        Stores.migrate(Stores.read(Stores.CURRENT)).then().statusCode(200);
        api().body(Map.of("name", "Club", "settings", Map.of("reminderChannelId", "42", "roles", List.of(1, 2))))
                .put("/api/v1/guilds/" + GUILD).then().statusCode(200);
        api().body(Map.of("username", "helper-bot", "isBot", true, "lastSeen", "2025-09-01T10:00:00.5Z"))
                .put("/api/v1/guilds/" + GUILD + "/users/1200000000000000009").then().statusCode(201);
        api().body(Map.of("emoji", "<:yes:123456>"))
                .put("/api/v1/events/" + TRAINING + "/reactions/1200000000000000003").then().statusCode(201);
        api().body(Map.of("description", "bring water", "title", "Entraînement mardi 20h 🏆"))
                .contentType("application/merge-patch+json; charset=UTF-8")
                .patch("/api/v1/events/" + TRAINING).then().statusCode(200);
        Instant sent = Instant.parse("2025-08-20T17:00:00.250Z");
        QuarkusTransaction.requiringNew().run(() -> {
            long eventId = Event.<Event>find("messageId", Long.parseLong(TRAINING)).firstResult().id;
            log(eventId, sent, ReminderStatus.sent, null);
            log(eventId, sent.plusSeconds(3600), ReminderStatus.failed, "Discord answered 403: Missing Access");
        });
    }

    private static void log(long eventId, Instant at, ReminderStatus status, String error) {
        ReminderLog log = new ReminderLog();
        log.eventId = eventId;
        log.scheduledAt = at;
        log.sentAt = status == ReminderStatus.sent ? at : null;
        log.usersNotified = 3;
        log.status = status;
        log.errorMessage = error;
        if (status == ReminderStatus.sent) {
            log.discordChannelId = Long.MAX_VALUE - 1;
            log.discordMessageId = Long.MAX_VALUE;
            log.deleteAt = at.plusSeconds(3600);
        }
        log.persist();
    }
}
