package dev.reminderstore.api;

import static dev.reminderstore.Api.api;
import static dev.reminderstore.Api.newId;
import static org.hamcrest.Matchers.equalTo;

import dev.reminderstore.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every instant the API takes is within years 2000..9999, and JSON bodies nest 64 deep at most. */
@QuarkusTest
class InputBoundsTest {

    private static final String RANGE = "must be a time from 2000-01-01T00:00:00Z to 9999-12-31T23:59:59Z";

    @ParameterizedTest
    @ValueSource(strings = {"+1000000000-12-31T23:59:59Z", "+292278994-08-17T07:12:55Z", "+10000-01-01T00:00:00Z",
            "1999-12-31T23:59:59.999Z", "-0001-01-01T00:00:00Z"})
    void lastReminderOutOfRangeIs400NamingTheField(String time) {
        String guildId = newId();
        api().body(Map.of("channelId", newId(), "guildId", guildId, "title", "Far away", "lastReminder", time))
                .put("/api/v1/events/" + newId())
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("lastReminder: " + RANGE))
                .body("errors[0].field", equalTo("lastReminder"))
                .body("errors[0].message", equalTo(RANGE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2000-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z"})
    void lastReminderAtTheEndsOfTheRangeIsStored(String time) {
        String messageId = newId();
        api().body(Map.of("channelId", newId(), "guildId", newId(), "title", "Edge", "lastReminder", time))
                .put("/api/v1/events/" + messageId)
                .then().statusCode(201)
                .body("lastReminder", equalTo(time));
    }

    @Test
    void lastSeenOutOfRangeIs400NamingTheField() {
        api().body(Map.of("username", "time traveller", "lastSeen", "+292278994-08-17T07:12:55Z"))
                .put("/api/v1/guilds/" + newId() + "/users/" + newId())
                .then().statusCode(400)
                .body("detail", equalTo("lastSeen: " + RANGE))
                .body("errors[0].field", equalTo("lastSeen"));
    }

    @Test
    void sinceOutOfRangeIs400NamingTheParameter() {
        api().queryParam("since", "+1000000000-12-31T23:59:59Z").get("/api/v1/reminder-logs")
                .then().statusCode(400).body("detail", equalTo("since: " + RANGE));
    }

    @Test
    void dueBeforeOutOfRangeIs400NamingTheParameter() {
        api().queryParam("dueBefore", "+292278994-08-17T07:12:55Z").get("/api/v1/events")
                .then().statusCode(400).body("detail", equalTo("dueBefore: " + RANGE));
    }

    @Test
    void olderThanTimeOutOfRangeIs400NamingTheParameter() {
        api().queryParam("olderThan", "+10000-01-01T00:00:00Z").delete("/api/v1/reminder-logs")
                .then().statusCode(400).body("detail", equalTo("olderThan: " + RANGE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"P106751991167300D", "P10000000D", "PT2562047788015215H"})
    void olderThanAgeReachingBefore2000Is400NamingTheParameter(String age) {
        api().queryParam("olderThan", age).delete("/api/v1/reminder-logs")
                .then().statusCode(400)
                .body("detail", equalTo("olderThan: must be an age that reaches back to 2000-01-01T00:00:00Z at most"));
    }

    @Test
    void olderThanAgeWithinTheRangeIsTaken() {
        api().queryParam("olderThan", "P3650D").delete("/api/v1/reminder-logs").then().statusCode(200);
    }

    /** {"name": "n", "settings": {"a": {"a": ... {}}}}: the whole body {@code depth} objects deep. */
    private static String guildNested(int depth) {
        return "{\"name\": \"n\", \"settings\": " + "{\"a\": ".repeat(depth - 2) + "{}" + "}".repeat(depth - 2) + "}";
    }

    @ParameterizedTest
    @CsvSource({"63", "64"})
    void bodiesUpTo64DeepAreStoredAndReadBack(int depth) {
        String guildId = newId();
        api().body(guildNested(depth)).put("/api/v1/guilds/" + guildId).then().statusCode(201);
        String settings = api().get("/api/v1/guilds/" + guildId).then().statusCode(200).extract().body().asString();
        org.assertj.core.api.Assertions.assertThat(settings).contains("{\"a\":".repeat(depth - 2) + "{}" + "}".repeat(depth - 2));
    }

    @ParameterizedTest
    @ValueSource(ints = {65, 900, 5000})
    void bodiesNestedDeeperThan64Are400NamingTheLimit(int depth) {
        api().body(guildNested(depth)).put("/api/v1/guilds/" + newId())
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("the body is nested more than 64 arrays and objects deep; this service accepts at most 64"));
    }

    @Test
    void deepArraysCountToo() {
        String messageId = Fixtures.event(newId());
        api().contentType("application/merge-patch+json").body("{\"requiredReactions\": " + "[".repeat(70) + "]".repeat(70) + "}")
                .patch("/api/v1/events/" + messageId)
                .then().statusCode(400)
                .body("detail", equalTo("the body is nested more than 64 arrays and objects deep; this service accepts at most 64"));
    }
}
