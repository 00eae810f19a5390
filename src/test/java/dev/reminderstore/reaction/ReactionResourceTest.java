package dev.reminderstore.reaction;

import static dev.reminderstore.Api.api;
import static dev.reminderstore.Api.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.reminderstore.Api;
import dev.reminderstore.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
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

    /** The same emoji again changes nothing; another emoji gets a new reaction time; the creation time stays. */
    @Test
    void keptEmojiKeepsItsTimesAndChangedEmojiGetsANewReactionTime() throws InterruptedException {
        String messageId = Fixtures.event(newId());
        String path = "/api/v1/events/" + messageId + "/reactions/" + newId();
        Map<String, Object> created = api().body(Map.of("emoji", "✅")).put(path)
                .then().statusCode(201).extract().jsonPath().getMap("");
        Thread.sleep(5);

        Map<String, Object> kept = api().body(Map.of("emoji", "✅")).put(path)
                .then().statusCode(200).extract().jsonPath().getMap("");
        assertThat(kept).isEqualTo(created);

        Map<String, Object> changed = api().body(Map.of("emoji", "❌")).put(path)
                .then().statusCode(200).body("emoji", equalTo("❌")).extract().jsonPath().getMap("");
        assertThat(changed.get("createdAt")).isEqualTo(created.get("createdAt"));
        assertThat(Instant.parse((String) changed.get("reactedAt"))).isAfter(Instant.parse((String) created.get("reactedAt")));
        assertThat(changed.get("updatedAt")).isEqualTo(changed.get("reactedAt"));
        List<Map<String, Object>> listed = api().get("/api/v1/events/" + messageId + "/reactions")
                .then().statusCode(200).extract().jsonPath().getList("items");
        assertThat(listed).containsExactly(changed);
    }

    /**
     * Single answers are committed in groups (several requests, one transaction): answers sent at the same moment
     * each get their own outcome, and a user answering twice at once is created once and changed once.
     */
    @Test
    void answersSentTogetherEachGetTheirOwnOutcome() throws Exception {
        String messageId = Fixtures.event(newId());
        String twice = newId();
        List<String> users = IntStream.range(0, 48).mapToObj(i -> newId()).toList();
        ExecutorService clients = Executors.newFixedThreadPool(50);
        try {
            List<Future<Integer>> singles = users.stream().map(userId -> clients.submit(() -> api()
                    .body(Map.of("emoji", "✅")).put("/api/v1/events/" + messageId + "/reactions/" + userId)
                    .then().body("userId", equalTo(userId)).extract().statusCode())).toList();
            List<Future<Integer>> sameUser = Stream.of("❌", "❓").map(emoji -> clients.submit(() -> api()
                    .body(Map.of("emoji", emoji)).put("/api/v1/events/" + messageId + "/reactions/" + twice)
                    .then().extract().statusCode())).toList();
            for (Future<Integer> status : singles) {
                assertThat(status.get(60, TimeUnit.SECONDS)).isEqualTo(201);
            }
            assertThat(List.of(sameUser.get(0).get(60, TimeUnit.SECONDS), sameUser.get(1).get(60, TimeUnit.SECONDS)))
                    .containsExactlyInAnyOrder(200, 201);
        } finally {
            clients.shutdownNow();
        }
        List<String> answered = Api.allPages("/api/v1/events/" + messageId + "/reactions", "userId");
        assertThat(answered).containsExactlyInAnyOrderElementsOf(Stream.concat(users.stream(), Stream.of(twice)).toList());
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
