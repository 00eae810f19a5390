package dev.reminderstore.migration;

import static dev.reminderstore.Api.admin;
import static dev.reminderstore.Api.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** POST /api/v1/admin/migrate with the fixtures, a generated file and every kind of bad document. */
@QuarkusTest
class LegacyMigrationTest {

    private static final String TRAINING = "1187654321098765432";

    @BeforeEach
    void emptyStore() {
        Stores.wipe();
    }

    @Test
    void currentFormatBecomesEventsMembersAndAnswers() {
        Stores.migrate(Stores.read(Stores.CURRENT)).then().statusCode(200)
                .body("dryRun", equalTo(false))
                .body("entries", equalTo(3))
                .body("events", equalTo(3))
                .body("guilds", equalTo(2))
                .body("users", equalTo(8))
                .body("reactions", equalTo(3))
                .body("skipped", empty())
                .body("adjusted", empty())
                .body("durationMs", greaterThanOrEqualTo(0));
        // Naive times are read in LEGACY_TIMEZONE (Europe/Paris in tests: UTC+2 in August).
        api().get("/api/v1/events/" + TRAINING).then().statusCode(200)
                .body("title", equalTo("Entraînement mardi 20h 🏆"))
                .body("guildId", equalTo("1100000000000000001"))
                .body("channelId", equalTo("1187000000000000001"))
                .body("intervalMinutes", equalTo(60))
                .body("isPaused", equalTo(false))
                .body("lastReminder", equalTo("2025-08-20T16:00:00.123Z"))
                .body("nextReminderAt", equalTo("2025-08-20T17:00:00.123Z"))
                .body("createdAt", equalTo("2025-08-19T07:15:00Z"))
                .body("requiredReactions", equalTo(List.of("✅", "❌", "❓")));
        api().get("/api/v1/events/1187654321098765433").then().statusCode(200)
                .body("isPaused", equalTo(true))
                .body("nextReminderAt", nullValue())
                .body("requiredReactions", equalTo(List.of("👍", "👎")));
        api().get("/api/v1/events/" + TRAINING + "/status").then().statusCode(200)
                .body("total", equalTo(5))
                .body("responded", equalTo(2))
                .body("missingUserIds", equalTo(List.of("1200000000000000003", "1200000000000000004", "1200000000000000005")));
        api().get("/api/v1/events/" + TRAINING + "/reactions").then().statusCode(200)
                .body("items.userId", equalTo(List.of("1200000000000000001", "1200000000000000002")))
                .body("items.emoji", equalTo(List.of("✅", "✅")));
        api().get("/api/v1/guilds/1100000000000000002/users/1200000000000000007").then().statusCode(200)
                .body("isBot", equalTo(false))
                .body("username", nullValue());
    }

    @Test
    void oldestFormatGetsDefaults() {
        Stores.migrate(Stores.read(Stores.OLDEST)).then().statusCode(200)
                .body("events", equalTo(1))
                .body("guilds", equalTo(1))
                .body("users", equalTo(5))
                .body("reactions", equalTo(3))
                .body("skipped", empty())
                .body("adjusted", empty());
        api().get("/api/v1/events/123456789").then().statusCode(200)
                .body("intervalMinutes", equalTo(60))
                .body("isPaused", equalTo(false))
                .body("lastReminder", equalTo("2024-01-15T09:30:00Z"))
                .body("createdAt", equalTo("2024-01-15T09:30:00Z"))
                .body("nextReminderAt", equalTo("2024-01-15T10:30:00Z"));
    }

    @Test
    void dryRunReportsWithoutWriting() {
        JsonPath preview = Stores.dryRun(Stores.read(Stores.CURRENT)).then().statusCode(200)
                .body("dryRun", equalTo(true))
                .extract().jsonPath();
        api().get("/api/v1/events/" + TRAINING).then().statusCode(404);
        api().get("/api/v1/guilds/1100000000000000001").then().statusCode(404);
        JsonPath done = Stores.migrate(Stores.read(Stores.CURRENT)).then().statusCode(200).extract().jsonPath();
        for (String count : List.of("entries", "events", "guilds", "users", "reactions")) {
            assertThat(preview.getInt(count)).as(count).isEqualTo(done.getInt(count));
        }
    }

    @Test
    void secondImportSkipsWatchedMessagesAndReusesGuildsAndMembers() {
        Stores.migrate(Stores.read(Stores.CURRENT)).then().statusCode(200);
        Stores.migrate(Stores.read(Stores.CURRENT)).then().statusCode(200)
                .body("events", equalTo(0))
                .body("guilds", equalTo(0))
                .body("users", equalTo(0))
                .body("skipped[0].key", equalTo(TRAINING))
                .body("skipped[0].reason", equalTo("message " + TRAINING + " is watched in this store already"))
                .body("skipped.size()", equalTo(3));
    }

    @Test
    void unusableEntriesAreSkippedAndNamedTheRestImported() {
        String document = """
                {
                  "1001": {"message_id": 1001, "channel_id": 5001, "guild_id": 2001, "title": "👨‍👩‍👧‍👦 family raid 🐉",
                           "interval_minutes": 2, "last_reminder": "2025-08-20T18:00:00",
                           "all_users": [3001, "3002", "bad"], "users_who_reacted": [3001]},
                  "1002": {"channel_id": 5001, "guild_id": 2001, "title": "no id", "last_reminder": "2025-08-20T18:00:00"},
                  "1003": {"message_id": 1004, "channel_id": 5001, "guild_id": 2001, "title": "t", "last_reminder": "2025-08-20T18:00:00"},
                  "1005": {"message_id": 1005, "channel_id": 5001, "title": "no guild", "last_reminder": "2025-08-20T18:00:00"},
                  "1006": {"message_id": 1006, "channel_id": 5001, "guild_id": 2001, "title": 5, "last_reminder": "2025-08-20T18:00:00"},
                  "1007": {"message_id": 99999999999999999999, "channel_id": 5001, "guild_id": 2001, "title": "t"},
                  "99999999999999999999": {"message_id": 1, "channel_id": 5001, "guild_id": 2001, "title": "t"},
                  "1008": {"message_id": 1008, "channel_id": 5001, "guild_id": 2001, "title": "t", "interval_minutes": "often"},
                  "1009": {"message_id": 1009, "channel_id": 5001, "guild_id": 2001, "title": "t", "is_paused": "yes"},
                  "1010": {"message_id": 1010, "channel_id": 5001, "guild_id": 2001, "title": "t", "last_reminder": "yesterday"},
                  "1011": {"message_id": 1011, "channel_id": 5001, "guild_id": 2001, "title": "t", "required_reactions": ["abc"],
                           "last_reminder": "2025-08-20T18:00:00"},
                  "1012": [],
                  "1013": {"message_id": 1013, "channel_id": 5001, "guild_id": 2001, "title": "t", "title": "again"},
                  "1001": {"message_id": 1001, "channel_id": 5001, "guild_id": 2001, "title": "the same key again"},
                  "1014": {"message_id": 1014, "channel_id": 5001, "guild_id": 2001, "title": " ", "last_reminder": "2025-08-20T18:00:00"}
                }
                """;
        JsonPath report = Stores.migrate(document).then().statusCode(200)
                .body("entries", equalTo(15))
                .body("events", equalTo(1))
                .body("guilds", equalTo(1))
                .body("users", equalTo(2))
                .body("reactions", equalTo(1))
                .extract().jsonPath();
        assertThat(report.getList("skipped", Map.class)).containsExactly(
                note("1002", "message_id is missing"),
                note("1003", "message_id 1004 does not match its key"),
                note("1005", "guild_id is missing: an event belongs to a guild, and the file does not say which"),
                note("1006", "title must be a string, not 5"),
                note("1007", "message_id: must be a Discord id: a whole number from 1 to 9223372036854775807;"
                        + " it is 99999999999999999999"),
                note("99999999999999999999", "the key is not a Discord message id"),
                note("1008", "interval_minutes must be a number, not the string \"often\""),
                note("1009", "is_paused must be true or false, not the string \"yes\""),
                note("1010", "last_reminder must be a time such as 2025-08-20T18:00:00, not the string \"yesterday\""),
                note("1011", "required_reactions[0]: must be a Unicode emoji or a Discord custom emoji such as <:name:123>"),
                note("1012", "an entry must be a JSON object, not a JSON array"),
                note("1013", "the field 'title' appears twice in the entry"),
                note("1001", "the key appears more than once in the document; only its first entry is read"),
                note("1014", "title: is required"));
        assertThat(report.getList("adjusted", Map.class)).containsExactly(
                note("1001", "interval_minutes 2 is out of range; set to 5"),
                note("1001", "all_users[2] is not a Discord user id (the string \"bad\"); left out"));
        api().get("/api/v1/events/1001").then().statusCode(200)
                .body("title", equalTo("👨‍👩‍👧‍👦 family raid 🐉"))
                .body("intervalMinutes", equalTo(5));
        api().get("/api/v1/guilds/2001/users/3002").then().statusCode(200);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "truncated     | `{\"1\": {\"message_id\": 1, `          | malformed JSON: Unexpected end-of-input",
            "array         | `[{\"message_id\": 1}]`                 | a legacy document is a JSON object keyed by message id, not an array",
            "single value  | 42                                      | a legacy document is a JSON object keyed by message id, not a single value",
            "empty body    | ``                                      | the document is empty: a legacy document is a JSON object keyed by message id ({} for none)",
            "trailing data | `{} {}`                                 | unexpected content after the end of the document",
            "not JSON      | `{\"1\": nope}`                         | malformed JSON: Unrecognized token 'nope'",
    })
    void documentsThatAreNotLegacyDocumentsAre400(String kind, String body, String detail) {
        for (boolean dryRun : List.of(true, false)) {
            admin().queryParam("dryRun", dryRun).body(body == null ? "" : body).post("/api/v1/admin/migrate")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("status", equalTo(400))
                    .body("detail", startsWith(detail));
        }
    }

    @Test
    void documentBrokenAfterGoodEntriesImportsNothing() {
        String good = Stores.read(Stores.CURRENT).trim();
        String truncated = good.substring(0, good.length() - 1) + ", \"1\": {\"message_id\": 1";
        Stores.migrate(truncated).then().statusCode(400).body("detail", startsWith("malformed JSON: Unexpected end-of-input"));
        api().get("/api/v1/events/" + TRAINING).then().statusCode(404);
        api().get("/api/v1/guilds/1100000000000000001").then().statusCode(404);
    }

    @Test
    void emptyObjectImportsNothing() {
        Stores.migrate("{}").then().statusCode(200)
                .body("entries", equalTo(0))
                .body("events", equalTo(0))
                .body("skipped", empty());
    }

    @Test
    void badDryRunParameterIs400() {
        admin().queryParam("dryRun", "maybe").body("{}").post("/api/v1/admin/migrate")
                .then().statusCode(400).body("detail", equalTo("dryRun: must be true or false"));
    }

    @Test
    void migrateTakesBodiesLargerThanTheApiLimit() {
        String large = "{" + " ".repeat(5 * 1024 * 1024) + "}";
        Stores.migrate(large).then().statusCode(200).body("entries", equalTo(0));
        api().body(large).put("/api/v1/guilds/1").then().statusCode(413);
    }

    @Test
    void generatedFileImportsEveryEventMemberAndAnswer() throws Exception {
        Path file = generate(300, 8, 4);
        JsonNode document = new ObjectMapper().readTree(file.toFile());
        Set<String> guilds = new HashSet<>();
        Set<String> members = new HashSet<>();
        int answers = 0;
        for (JsonNode entry : document) {
            String guild = entry.get("guild_id").asText();
            guilds.add(guild);
            for (String list : List.of("all_users", "users_who_reacted")) {
                entry.get(list).forEach(user -> members.add(guild + "/" + user.asText()));
            }
            answers += entry.get("users_who_reacted").size();
        }
        admin().body(file.toFile()).post("/api/v1/admin/migrate").then().statusCode(200)
                .body("entries", equalTo(300))
                .body("events", equalTo(300))
                .body("guilds", equalTo(guilds.size()))
                .body("users", equalTo(members.size()))
                .body("reactions", equalTo(answers))
                .body("skipped", empty());
        JsonNode first = document.get("1300000000000000000");
        api().get("/api/v1/events/1300000000000000000").then().statusCode(200)
                .body("title", equalTo(first.get("title").asText()))
                .body("intervalMinutes", equalTo(first.get("interval_minutes").asInt()));
    }

    /** Runs bench/generate_legacy.py into target/; skips the test where python3 is missing. */
    static Path generate(int events, int usersPerEvent, int guilds) throws IOException, InterruptedException {
        Path out = Files.createDirectories(Path.of("target/legacy")).resolve("generated-" + events + ".json");
        Process python;
        try {
            python = new ProcessBuilder("python3", Stores.GENERATOR.toString(), Integer.toString(events),
                    Integer.toString(usersPerEvent), Integer.toString(guilds))
                    .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException noPython) {
            Assumptions.abort("python3 is not installed: the test with a generated legacy file is skipped");
            return out;
        }
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).as("generator finished").isTrue();
        assertThat(python.exitValue()).as("generator exit code").isZero();
        return out;
    }

    private static Map<String, String> note(String key, String reason) {
        return Map.of("key", key, "reason", reason);
    }
}
