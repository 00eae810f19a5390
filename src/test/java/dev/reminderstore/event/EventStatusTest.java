package dev.reminderstore.event;

import static dev.reminderstore.Api.api;
import static dev.reminderstore.Api.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.reminderstore.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET /events/{id}/status: the counts of the whole guild, the missing ids in pages, computed by one query. */
@QuarkusTest
class EventStatusTest {

    private static final long FIRST_USER = 1200000000000000000L;

    /**
     * 130 humans, 2 bots; 20 answered a required emoji, 10 another emoji, a bot and a stranger answered too:
     * 110 missing, in three pages of 50, 50 and 10.
     */
    @Test
    void missingIdsComeInPagesInIdOrderWithTheCountsOfTheWholeGuild() {
        String guildId = newId();
        List<Map<String, Object>> members = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            members.add(Map.of("userId", Long.toString(FIRST_USER + i)));
        }
        members.add(Map.of("userId", "7", "isBot", true));
        members.add(Map.of("userId", "8", "isBot", true));
        api().body(members).put("/api/v1/guilds/" + guildId + "/users").then().statusCode(200);
        String messageId = Fixtures.event(guildId, Map.of("requiredReactions", List.of("👍", "👎")));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            String userId = Long.toString(FIRST_USER + i);
            if (i % 4 == 0 && i < 80) {
                Fixtures.react(messageId, userId, i % 8 == 0 ? "👍" : "👎");
            } else if (i % 4 == 1 && i < 40) {
                Fixtures.react(messageId, userId, "✅");
                expected.add(userId);
            } else {
                expected.add(userId);
            }
        }
        Fixtures.react(messageId, "7", "👍");
        Fixtures.react(messageId, "99", "👍");

        List<String> seen = new ArrayList<>();
        ExtractableResponse<Response> first = status(messageId, null, null);
        assertThat(first.<List<String>>path("missingUserIds")).hasSize(50);
        seen.addAll(first.path("missingUserIds"));
        ExtractableResponse<Response> second = status(messageId, null, first.path("nextCursor"));
        assertThat(second.<List<String>>path("missingUserIds")).hasSize(50);
        seen.addAll(second.path("missingUserIds"));
        ExtractableResponse<Response> last = status(messageId, null, second.path("nextCursor"));
        assertThat(last.<List<String>>path("missingUserIds")).hasSize(10);
        assertThat(last.<String>path("nextCursor")).isNull();
        seen.addAll(last.path("missingUserIds"));
        assertThat(seen).containsExactlyElementsOf(expected);
        for (ExtractableResponse<Response> page : List.of(first, second, last)) {
            assertThat(page.<Integer>path("responded")).isEqualTo(20);
            assertThat(page.<Integer>path("missing")).isEqualTo(110);
            assertThat(page.<Integer>path("total")).isEqualTo(130);
        }
    }

    private static ExtractableResponse<Response> status(String messageId, Integer limit, String cursor) {
        var request = api();
        if (limit != null) {
            request.queryParam("limit", limit);
        }
        if (cursor != null) {
            request.queryParam("cursor", cursor);
        }
        return request.get("/api/v1/events/" + messageId + "/status").then().statusCode(200).extract();
    }

    @Test
    void limitSetsThePageSizeAndTheLastPageHasNoCursor() {
        String guildId = Fixtures.guildWithMembers("3", "20", "100");
        String messageId = Fixtures.event(guildId);
        String cursor = api().queryParam("limit", 2).get("/api/v1/events/" + messageId + "/status")
                .then().statusCode(200)
                .body("missingUserIds", contains("3", "20"))
                .body("nextCursor", notNullValue())
                .extract().path("nextCursor");
        api().queryParam("limit", 2).queryParam("cursor", cursor).get("/api/v1/events/" + messageId + "/status")
                .then().statusCode(200)
                .body("missingUserIds", contains("100"))
                .body("nextCursor", nullValue())
                .body("missing", equalTo(3));
        api().queryParam("limit", 3).get("/api/v1/events/" + messageId + "/status")
                .then().statusCode(200).body("missingUserIds", hasSize(3)).body("nextCursor", nullValue());
    }

    @Test
    void everyoneAnsweredGivesNoMissingIdsAndNoCursor() {
        String guildId = Fixtures.guildWithMembers("1", "2");
        String messageId = Fixtures.event(guildId);
        Fixtures.react(messageId, "1", "✅");
        Fixtures.react(messageId, "2", "❌");
        api().get("/api/v1/events/" + messageId + "/status")
                .then().statusCode(200)
                .body("responded", equalTo(2)).body("missing", equalTo(0)).body("total", equalTo(2))
                .body("missingUserIds", empty()).body("nextCursor", nullValue());
    }

    @Test
    void guildWithoutMembersCountsNobody() {
        String messageId = Fixtures.event(newId());
        Fixtures.react(messageId, "5", "✅");
        api().get("/api/v1/events/" + messageId + "/status")
                .then().statusCode(200)
                .body("responded", equalTo(0)).body("missing", equalTo(0)).body("total", equalTo(0))
                .body("missingUserIds", empty());
    }

    @Test
    void badLimitOrCursorIs400NamingIt() {
        String messageId = Fixtures.event(Fixtures.guildWithMembers("1"));
        String path = "/api/v1/events/" + messageId + "/status";
        for (String limit : List.of("0", "501", "-1", "ten", "1.5")) {
            api().queryParam("limit", limit).get(path)
                    .then().statusCode(400).body("detail", equalTo("limit: must be a whole number from 1 to 500"));
        }
        api().queryParam("limit", 500).get(path).then().statusCode(200);
        for (String cursor : List.of("not-a-cursor", "1200000000000000000", "azE6eA")) {
            api().queryParam("cursor", cursor).get(path)
                    .then().statusCode(400).body("detail", equalTo("cursor: is not a cursor given out by this service"));
        }
        api().queryParam("limit", "0").get("/api/v1/events/" + newId() + "/status")
                .then().statusCode(400).body("detail", equalTo("limit: must be a whole number from 1 to 500"));
        api().get("/api/v1/events/x1/status").then().statusCode(400).body("errors[0].field", equalTo("messageId"));
    }
}
