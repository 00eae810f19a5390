package dev.reminderstore.api;

import static dev.reminderstore.Api.api;
import static dev.reminderstore.Api.newId;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import dev.reminderstore.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Whatever a client sends, the answer is a 4xx problem+json that says what is wrong: never a 500, never a trace. */
@QuarkusTest
class BadInputTest {

    private static final String ID_MESSAGE = "must be a Discord id: a whole number from 1 to 9223372036854775807";

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "9223372036854775808", "99999999999999999999999", "abc", "1.5", "1e5", " 1"})
    void pathIdsThatAreNoDiscordIdsAre400(String id) {
        api().get("/api/v1/guilds/" + id)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Bad Request"))
                .body("detail", equalTo("guildId: " + ID_MESSAGE))
                .body("errors[0].field", equalTo("guildId"));
        api().get("/api/v1/events/" + id + "/status")
                .then().statusCode(400).body("detail", equalTo("messageId: " + ID_MESSAGE));
    }

    @Test
    void largestIdIsValidAndUnknown() {
        api().get("/api/v1/guilds/9223372036854775807").then().statusCode(404);
    }

    static Stream<Arguments> malformedBodies() {
        return Stream.of(
                Arguments.of("PUT", "/api/v1/guilds/1", "{\"name\": "),
                Arguments.of("PUT", "/api/v1/guilds/1/users/2", "{username: 1}"),
                Arguments.of("PUT", "/api/v1/guilds/1/users", "[{\"userId\": \"1\"},"),
                Arguments.of("POST", "/api/v1/events", "{\"messageId\": \"1\"'}"),
                Arguments.of("PUT", "/api/v1/events/1", "not json"),
                Arguments.of("PATCH", "/api/v1/events/1", "{\"title\": \"x\" \"y\"}"),
                Arguments.of("PUT", "/api/v1/events/1/reactions/2", "{\"emoji\": \"✅\"}}"),
                Arguments.of("PUT", "/api/v1/events/1/reactions", "[{\"userId\": "));
    }

    @ParameterizedTest
    @MethodSource("malformedBodies")
    void malformedJsonIs400(String method, String path, String body) {
        api().body(body).request(method, path)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", startsWith("malformed JSON: "))
                .body("detail", not(containsString("com.fasterxml")));
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of("PUT", "/api/v1/guilds/1", "{\"name\": {\"a\": 1}}", "name", "must be a string"),
                Arguments.of("PUT", "/api/v1/guilds/1", "{\"settings\": \"dark\"}", "settings", "must be an object"),
                Arguments.of("PUT", "/api/v1/guilds/1/users/2", "{\"isBot\": \"maybe\"}", "isBot", "must be true or false"),
                Arguments.of("PUT", "/api/v1/guilds/1/users/2", "{\"lastSeen\": \"yesterday\"}", "lastSeen",
                        "must be an ISO-8601 UTC time such as 2026-11-25T16:00:00Z"),
                Arguments.of("POST", "/api/v1/events", "{\"intervalMinutes\": [60]}", "intervalMinutes", "must be a number"),
                Arguments.of("POST", "/api/v1/events", "{\"requiredReactions\": \"✅\"}", "requiredReactions", "must be an array"),
                Arguments.of("POST", "/api/v1/events", "{\"title\": [\"a\"]}", "title", "must be a string"));
    }

    @ParameterizedTest
    @MethodSource("wrongTypes")
    void wrongJsonTypesAre400NamingTheField(String method, String path, String body, String field, String message) {
        api().body(body).request(method, path)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo(field + ": " + message))
                .body("errors[0].field", equalTo(field))
                .body("errors[0].message", equalTo(message));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-7", "9223372036854775808", "12.5", "true", "\"\"", "\"x1\""})
    void bodyIdsThatAreNoDiscordIdsAre400(String json) {
        api().body("{\"messageId\": \"1\", \"channelId\": " + json + ", \"guildId\": \"1\", \"title\": \"t\"}")
                .post("/api/v1/events")
                .then().statusCode(400)
                .body("detail", equalTo("channelId: " + ID_MESSAGE));
    }

    @Test
    void missingFieldsAreListedTogether() {
        api().body("{}").post("/api/v1/events")
                .then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.contains("channelId", "guildId", "title"))
                .body("errors.message", org.hamcrest.Matchers.everyItem(equalTo("is required")));
    }

    @Test
    void missingBodyIs400() {
        api().put("/api/v1/guilds/" + newId()).then().statusCode(400).body("detail", equalTo("body: must not be null"));
    }

    @Test
    void bodyOfWrongShapeIs400() {
        api().body("[]").put("/api/v1/guilds/1").then().statusCode(400).body("detail", equalTo("the body must be an object"));
        api().body("{}").put("/api/v1/guilds/1/users").then().statusCode(400).body("detail", equalTo("the body must be an array"));
    }

    @Test
    void wrongContentTypeIs415() {
        api().contentType(ContentType.TEXT).body("hello").post("/api/v1/events")
                .then().statusCode(415)
                .contentType("application/problem+json")
                .body("detail", equalTo("the body must be application/json"));
    }

    @Test
    void wrongMethodIs405() {
        api().delete("/api/v1/events").then().statusCode(405)
                .contentType("application/problem+json")
                .body("detail", equalTo("this method is not allowed here"));
        api().body("{}").post("/api/v1/guilds/1").then().statusCode(405);
    }

    @Test
    void unknownPathIs404() {
        api().get("/api/v1/nothing-here").then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", equalTo("no such resource"));
    }

    @Test
    void bodyOverTheLimitIs413() {
        String huge = "{\"name\": \"" + "x".repeat(4 * 1024 * 1024) + "\"}";
        api().body(huge).put("/api/v1/guilds/" + newId())
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("detail", startsWith("the body is 4194316 bytes; this service accepts at most 4194304"));
    }

    @Test
    void hugeStringsWithinTheLimitAreRefusedByValidation() {
        String messageId = Fixtures.event(newId());
        api().contentType("application/merge-patch+json").body("{\"description\": \"" + "d".repeat(100_000) + "\"}")
                .patch("/api/v1/events/" + messageId)
                .then().statusCode(400).body("detail", equalTo("description: must be at most 4000 characters"));
    }

    @Test
    void hugeNumbersAreRefused() {
        api().body("{\"messageId\": 1, \"channelId\": 2, \"guildId\": 3, \"title\": \"t\", \"intervalMinutes\": 1e400}")
                .post("/api/v1/events")
                .then().statusCode(400).body("errors[0].field", equalTo("intervalMinutes"));
    }
}
