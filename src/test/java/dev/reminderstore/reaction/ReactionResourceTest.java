package dev.reminderstore.reaction;

import static dev.reminderstore.Api.api;
import static dev.reminderstore.Api.newId;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.reminderstore.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class ReactionResourceTest {

    @Test
    void putCreatesThenChangesAnswer() {
        String messageId = Fixtures.event(newId());
        String userId = newId();
        api().body(Map.of("emoji", "✅")).put("/api/v1/events/" + messageId + "/reactions/" + userId)
                .then().statusCode(201)
                .body("messageId", equalTo(messageId))
                .body("userId", equalTo(userId))
                .body("emoji", equalTo("✅"))
                .body("reactedAt", notNullValue());
        api().body(Map.of("emoji", "❌")).put("/api/v1/events/" + messageId + "/reactions/" + userId)
                .then().statusCode(200).body("emoji", equalTo("❌"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"✅", "👍", "👍🏽", "👨‍👩‍👧‍👦", "🇫🇷", "🏴󠁧󠁢󠁥󠁮󠁧󠁿", "1️⃣", "#️⃣", "❤️", "🐉", "‼️",
            "<:party:123456789012345678>", "<a:dance:123456789012345678>"})
    void acceptsUnicodeAndCustomEmojis(String emoji) {
        String messageId = Fixtures.event(newId());
        api().body(Map.of("emoji", emoji)).put("/api/v1/events/" + messageId + "/reactions/" + newId())
                .then().statusCode(201).body("emoji", equalTo(emoji));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "yes", "✅ ✅", "a✅", "<:party:>", "<:party:abc>", "<party:1>", "1", "\u0000",
            "👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍"})
    void refusesWhatIsNoEmoji(String emoji) {
        String messageId = Fixtures.event(newId());
        api().body(Map.of("emoji", emoji)).put("/api/v1/events/" + messageId + "/reactions/" + newId())
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("emoji"))
                .body("errors[0].message", equalTo("must be a Unicode emoji or a Discord custom emoji such as <:name:123>"));
    }

    @Test
    void missingEmojiIs400() {
        String messageId = Fixtures.event(newId());
        api().body("{}").put("/api/v1/events/" + messageId + "/reactions/" + newId())
                .then().statusCode(400).body("detail", equalTo("emoji: is required"));
    }

    @Test
    void reactionOnUnknownEventIs404() {
        String messageId = newId();
        api().body(Map.of("emoji", "✅")).put("/api/v1/events/" + messageId + "/reactions/" + newId())
                .then().statusCode(404).body("detail", equalTo("event " + messageId + " not found"));
    }

    @Test
    void deleteRemovesAnswerAnd404WhenNone() {
        String messageId = Fixtures.event(newId());
        Fixtures.react(messageId, "7", "✅");
        api().delete("/api/v1/events/" + messageId + "/reactions/7").then().statusCode(204);
        api().delete("/api/v1/events/" + messageId + "/reactions/7")
                .then().statusCode(404).body("detail", equalTo("user 7 has no reaction on event " + messageId));
    }

    @Test
    void listPagesByUserId() {
        String messageId = Fixtures.event(newId());
        Fixtures.react(messageId, "3", "✅");
        Fixtures.react(messageId, "1", "❌");
        Fixtures.react(messageId, "2", "❓");
        String cursor = api().queryParam("limit", 2).get("/api/v1/events/" + messageId + "/reactions")
                .then().statusCode(200).body("items.userId", contains("1", "2")).body("items.emoji", contains("❌", "❓"))
                .extract().path("nextCursor");
        api().queryParam("cursor", cursor).get("/api/v1/events/" + messageId + "/reactions")
                .then().statusCode(200).body("items.userId", contains("3"));
    }

    @Test
    void bulkReplaceSetsExactlyTheGivenAnswers() {
        String messageId = Fixtures.event(newId());
        Fixtures.react(messageId, "1", "✅");
        Fixtures.react(messageId, "2", "✅");
        api().body(List.of(Map.of("userId", "2", "emoji", "❌"), Map.of("userId", "3", "emoji", "✅")))
                .put("/api/v1/events/" + messageId + "/reactions")
                .then().statusCode(200)
                .body("added", equalTo(1)).body("updated", equalTo(1)).body("removed", equalTo(1)).body("total", equalTo(2));
        api().get("/api/v1/events/" + messageId + "/reactions")
                .then().statusCode(200).body("items.userId", contains("2", "3")).body("items.emoji", contains("❌", "✅"));
    }

    @Test
    void bulkReplaceRefusesBadAnswers() {
        String messageId = Fixtures.event(newId());
        api().body("[{\"userId\":\"1\",\"emoji\":\"✅\"},{\"userId\":\"1\",\"emoji\":\"❌\"}]")
                .put("/api/v1/events/" + messageId + "/reactions")
                .then().statusCode(400).body("detail", equalTo("[1].userId: repeats the id at index 0"));
        api().body("[{\"userId\":\"1\",\"emoji\":\"nope\"}]")
                .put("/api/v1/events/" + messageId + "/reactions")
                .then().statusCode(400).body("errors[0].field", equalTo("[0].emoji"));
        api().body("{\"userId\":\"1\"}")
                .put("/api/v1/events/" + messageId + "/reactions")
                .then().statusCode(400).body("detail", equalTo("the body must be an array"));
        api().body("[]").put("/api/v1/events/" + newId() + "/reactions").then().statusCode(404);
    }
}
