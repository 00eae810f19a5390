package dev.reminderstore.event;

import static dev.reminderstore.Api.api;
import static dev.reminderstore.Api.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.reminderstore.Api;
import dev.reminderstore.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class EventResourceTest {

    private static Map<String, Object> body(String messageId, String guildId) {
        Map<String, Object> body = new HashMap<>();
        body.put("messageId", messageId);
        body.put("channelId", "1187000000000000001");
        body.put("guildId", guildId);
        body.put("title", "Entraînement mardi 20h 🏆");
        return body;
    }

    @Test
    void createAnswers201WithLocationEtagAndDefaults() {
        String messageId = newId();
        String guildId = newId();
        api().body(body(messageId, guildId)).post("/api/v1/events")
                .then().statusCode(201)
                .header("Location", endsWith("/api/v1/events/" + messageId))
                .header("ETag", equalTo("\"0\""))
                .body("messageId", equalTo(messageId))
                .body("guildId", equalTo(guildId))
                .body("title", equalTo("Entraînement mardi 20h 🏆"))
                .body("description", nullValue())
                .body("intervalMinutes", equalTo(60))
                .body("isPaused", equalTo(false))
                .body("requiredReactions", contains("✅", "❌", "❓"))
                .body("version", equalTo(0));
        api().get("/api/v1/guilds/" + guildId).then().statusCode(200);
    }

    /** The GET reads in plain JDBC, the writes through the entity: both must give the same event, field by field. */
    @ParameterizedTest
    @ValueSource(strings = {"defaults", "everything set", "paused", "fraction of a minute"})
    void getAnswersExactlyWhatTheWriteAnswered(String kind) {
        String messageId = newId();
        Map<String, Object> body = body(messageId, newId());
        switch (kind) {
            case "everything set" -> {
                body.put("description", "Ligne 1\nLigne 2 — ça marche ✅");
                body.put("lastReminder", "2026-11-25T16:00:00.123Z");
                body.put("intervalMinutes", 1440);
                body.put("requiredReactions", List.of("👍", "<:yes:1187000000000000009>"));
            }
            case "paused" -> body.put("isPaused", true);
            case "fraction of a minute" -> body.put("intervalMinutes", 7.5);
            default -> { }
        }
        Map<String, Object> written = api().body(body).post("/api/v1/events")
                .then().statusCode(201).extract().jsonPath().getMap("");

        Map<String, Object> read = api().get("/api/v1/events/" + messageId)
                .then().statusCode(200).header("ETag", equalTo("\"0\"")).extract().jsonPath().getMap("");

        assertThat(read).isEqualTo(written);
    }

    @Test
    void nextReminderIsLastReminderPlusInterval() {
        Map<String, Object> body = body(newId(), newId());
        body.put("lastReminder", "2026-11-25T16:00:00Z");
        body.put("intervalMinutes", 90);
        api().body(body).post("/api/v1/events")
                .then().statusCode(201)
                .body("lastReminder", equalTo("2026-11-25T16:00:00Z"))
                .body("nextReminderAt", equalTo("2026-11-25T17:30:00Z"));
    }

    @Test
    void pausedEventHasNoNextReminder() {
        Map<String, Object> body = body(newId(), newId());
        body.put("isPaused", true);
        api().body(body).post("/api/v1/events").then().statusCode(201).body("nextReminderAt", nullValue());
    }

    @Test
    void secondCreateOfSameMessageIs409() {
        String messageId = newId();
        api().body(body(messageId, newId())).post("/api/v1/events").then().statusCode(201);
        api().body(body(messageId, newId())).post("/api/v1/events")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", equalTo("message " + messageId + " is already watched"));
    }

    @Test
    void createWithoutMessageIdIs400() {
        Map<String, Object> body = body(newId(), newId());
        body.remove("messageId");
        api().body(body).post("/api/v1/events")
                .then().statusCode(400).body("errors[0].field", equalTo("messageId")).body("errors[0].message", equalTo("is required"));
    }

    @Test
    void putCreatesThenEditsKeepingLastReminder() {
        String messageId = newId();
        Map<String, Object> body = body(null, newId());
        body.remove("messageId");
        body.put("lastReminder", "2026-11-25T10:00:00Z");
        api().body(body).put("/api/v1/events/" + messageId).then().statusCode(201).body("messageId", equalTo(messageId));
        body.remove("lastReminder");
        body.put("title", "Edited");
        body.put("intervalMinutes", 30);
        api().body(body).put("/api/v1/events/" + messageId)
                .then().statusCode(200)
                .body("title", equalTo("Edited"))
                .body("lastReminder", equalTo("2026-11-25T10:00:00Z"))
                .body("nextReminderAt", equalTo("2026-11-25T10:30:00Z"))
                .body("version", equalTo(1));
    }

    @Test
    void putWithOtherMessageIdInBodyIs400() {
        api().body(body(newId(), newId())).put("/api/v1/events/" + newId())
                .then().statusCode(400).body("detail", equalTo("messageId: must be the message id of the path, or left out"));
    }

    @ParameterizedTest
    @ValueSource(doubles = {4.99, 0, -5, 1440.5, 100000})
    void intervalOutOfRangeIs400(double minutes) {
        Map<String, Object> body = body(newId(), newId());
        body.put("intervalMinutes", minutes);
        api().body(body).post("/api/v1/events")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("intervalMinutes"))
                .body("errors[0].message", equalTo("must be from 5 to 1440 minutes"));
    }

    @ParameterizedTest
    @ValueSource(doubles = {5, 1440, 7.5})
    void intervalAtTheLimitsIsAccepted(double minutes) {
        Map<String, Object> body = body(newId(), newId());
        body.put("intervalMinutes", minutes);
        api().body(body).post("/api/v1/events").then().statusCode(201);
    }

    @Test
    void titleOver200CharactersIs400() {
        Map<String, Object> body = body(newId(), newId());
        body.put("title", "x".repeat(201));
        api().body(body).post("/api/v1/events")
                .then().statusCode(400)
                .body("detail", equalTo("title: must be at most 200 characters"));
        body.put("title", "x".repeat(200));
        api().body(body).post("/api/v1/events").then().statusCode(201);
    }

    @Test
    void requiredReactionsMustBeDistinctEmojis() {
        Map<String, Object> body = body(newId(), newId());
        body.put("requiredReactions", List.of("👍", "👍"));
        api().body(body).post("/api/v1/events")
                .then().statusCode(400).body("detail", equalTo("requiredReactions[1]: repeats an emoji listed before"));
        body.put("requiredReactions", List.of("👍", "yes"));
        api().body(body).post("/api/v1/events")
                .then().statusCode(400).body("errors[0].field", equalTo("requiredReactions[1]"));
        body.put("requiredReactions", List.of());
        api().body(body).post("/api/v1/events")
                .then().statusCode(400).body("detail", equalTo("requiredReactions: must list 1 to 20 emojis"));
    }

    @Test
    void patchChangesFieldsAndHonoursIfMatch() {
        String messageId = Fixtures.event(newId(), Map.of("lastReminder", "2026-11-25T10:00:00Z"));
        api().contentType("application/merge-patch+json").header("If-Match", "\"0\"")
                .body(Map.of("intervalMinutes", 30, "description", "bring shoes"))
                .patch("/api/v1/events/" + messageId)
                .then().statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("intervalMinutes", equalTo(30))
                .body("description", equalTo("bring shoes"))
                .body("nextReminderAt", equalTo("2026-11-25T10:30:00Z"))
                .body("title", equalTo("Training Tuesday"));
        api().contentType("application/merge-patch+json").header("If-Match", "\"0\"")
                .body(Map.of("title", "stale"))
                .patch("/api/v1/events/" + messageId)
                .then().statusCode(412)
                .body("detail", equalTo("event " + messageId + " is at version 1, not the version 0 of If-Match; read it again"));
        api().get("/api/v1/events/" + messageId).then().statusCode(200).header("ETag", equalTo("\"1\"")).body("title", equalTo("Training Tuesday"));
    }

    @Test
    void patchNullResetsToDefaultAndPauseClearsNextReminder() {
        String messageId = Fixtures.event(newId(), Map.of("description", "d", "intervalMinutes", 30));
        api().contentType("application/merge-patch+json")
                .body("{\"description\": null, \"intervalMinutes\": null, \"isPaused\": true}")
                .patch("/api/v1/events/" + messageId)
                .then().statusCode(200)
                .body("description", nullValue())
                .body("intervalMinutes", equalTo(60))
                .body("isPaused", equalTo(true))
                .body("nextReminderAt", nullValue());
        api().contentType("application/merge-patch+json").body("{\"isPaused\": false}")
                .patch("/api/v1/events/" + messageId)
                .then().statusCode(200).body("nextReminderAt", not(nullValue()));
    }

    @Test
    void patchRefusesUnknownFieldsNullTitleAndBadValues() {
        String messageId = Fixtures.event(newId());
        api().contentType("application/merge-patch+json").body("{\"channelId\": \"5\"}")
                .patch("/api/v1/events/" + messageId)
                .then().statusCode(400)
                .body("detail", equalTo("channelId: cannot be patched; patchable fields are description, intervalMinutes, isPaused, requiredReactions, title"));
        api().contentType("application/merge-patch+json").body("{\"title\": null}")
                .patch("/api/v1/events/" + messageId)
                .then().statusCode(400).body("detail", equalTo("title: is required"));
        api().contentType("application/merge-patch+json").body("{\"isPaused\": \"maybe\"}")
                .patch("/api/v1/events/" + messageId)
                .then().statusCode(400).body("detail", equalTo("isPaused: must be true or false"));
        api().contentType("application/merge-patch+json").body("{\"intervalMinutes\": 2000}")
                .patch("/api/v1/events/" + messageId)
                .then().statusCode(400).body("detail", equalTo("intervalMinutes: must be from 5 to 1440 minutes"));
        api().contentType("application/merge-patch+json").body("[1]")
                .patch("/api/v1/events/" + messageId)
                .then().statusCode(400).body("detail", equalTo("a merge patch must be a JSON object"));
    }

    @Test
    void patchOfUnknownEventIs404() {
        String messageId = newId();
        api().contentType("application/merge-patch+json").body("{\"title\": \"x\"}")
                .patch("/api/v1/events/" + messageId)
                .then().statusCode(404).body("detail", equalTo("event " + messageId + " not found"));
    }

    @Test
    void listFiltersByGuildPausedAndDueBefore() {
        String guildId = newId();
        String early = Fixtures.event(guildId, Map.of("lastReminder", "2020-01-01T00:00:00Z"));
        String late = Fixtures.event(guildId, Map.of("lastReminder", "2030-01-01T00:00:00Z"));
        String paused = Fixtures.event(guildId, Map.of("isPaused", true));
        api().queryParam("guildId", guildId).get("/api/v1/events")
                .then().statusCode(200).body("items.messageId", contains(early, late, paused));
        api().queryParam("guildId", guildId).queryParam("paused", "true").get("/api/v1/events")
                .then().statusCode(200).body("items.messageId", contains(paused));
        api().queryParam("guildId", guildId).queryParam("dueBefore", "2025-01-01T00:00:00Z").get("/api/v1/events")
                .then().statusCode(200).body("items.messageId", contains(early));
        String cursor = api().queryParam("guildId", guildId).queryParam("limit", 2).get("/api/v1/events")
                .then().statusCode(200).body("items.messageId", contains(early, late)).extract().path("nextCursor");
        api().queryParam("guildId", guildId).queryParam("cursor", cursor).get("/api/v1/events")
                .then().statusCode(200).body("items.messageId", contains(paused)).body("nextCursor", nullValue());
    }

    @Test
    void listRefusesBadFilters() {
        api().queryParam("paused", "yes").get("/api/v1/events")
                .then().statusCode(400).body("detail", equalTo("paused: must be true or false"));
        api().queryParam("dueBefore", "tomorrow").get("/api/v1/events")
                .then().statusCode(400).body("detail", equalTo("dueBefore: must be an ISO-8601 UTC time such as 2026-11-25T16:00:00Z"));
        api().queryParam("guildId", "-3").get("/api/v1/events")
                .then().statusCode(400).body("errors[0].field", equalTo("guildId"));
        api().queryParam("cursor", "not-a-cursor").get("/api/v1/events")
                .then().statusCode(400).body("detail", equalTo("cursor: is not a cursor given out by this service"));
        api().queryParam("limit", "501").get("/api/v1/events")
                .then().statusCode(400).body("detail", equalTo("limit: must be a whole number from 1 to 500"));
    }

    @Test
    void statusCountsNonBotMembersWithoutRequiredAnswer() {
        String guildId = newId();
        api().body(List.of(Map.of("userId", "1"), Map.of("userId", "2"), Map.of("userId", "3"), Map.of("userId", "4"),
                Map.of("userId", "99", "isBot", true))).put("/api/v1/guilds/" + guildId + "/users").then().statusCode(200);
        String messageId = Fixtures.event(guildId);
        Fixtures.react(messageId, "1", "✅");
        Fixtures.react(messageId, "2", "❓");
        Fixtures.react(messageId, "3", "🎉");
        api().get("/api/v1/events/" + messageId + "/status")
                .then().statusCode(200)
                .body("messageId", equalTo(messageId))
                .body("responded", equalTo(2))
                .body("missing", equalTo(2))
                .body("total", equalTo(4))
                .body("missingUserIds", contains("3", "4"));
    }

    @Test
    void statusOfUnknownEventIs404() {
        api().get("/api/v1/events/" + newId() + "/status").then().statusCode(404);
    }

    @Test
    void deleteRemovesEventAndItsReactions() {
        String guildId = Fixtures.guildWithMembers("1");
        String messageId = Fixtures.event(guildId);
        Fixtures.react(messageId, "1", "✅");
        api().delete("/api/v1/events/" + messageId).then().statusCode(204);
        api().get("/api/v1/events/" + messageId).then().statusCode(404);
        api().get("/api/v1/events/" + messageId + "/reactions").then().statusCode(404);
        api().delete("/api/v1/events/" + messageId).then().statusCode(404);
    }

    @Test
    void deletingGuildCascadesToUsersEventsReactions() {
        String guildId = Fixtures.guildWithMembers("1", "2");
        String messageId = Fixtures.event(guildId);
        Fixtures.react(messageId, "1", "✅");
        api().delete("/api/v1/guilds/" + guildId).then().statusCode(204);
        api().get("/api/v1/events/" + messageId).then().statusCode(404);
        api().get("/api/v1/guilds/" + guildId + "/users").then().statusCode(404);
        api().queryParam("guildId", guildId).get("/api/v1/events").then().statusCode(200).body("items", empty());
    }

    @Test
    void guildListShowsAutoCreatedGuild() {
        String guildId = newId();
        Fixtures.event(guildId);
        assertThat(Api.allPages("/api/v1/guilds", "guildId")).contains(guildId);
    }
}
