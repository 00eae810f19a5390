package dev.reminderstore.user;

import static dev.reminderstore.Api.api;
import static dev.reminderstore.Api.newId;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.reminderstore.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class UserResourceTest {

    @Test
    void putCreatesMemberAndItsGuild() {
        String guildId = newId();
        String userId = newId();
        api().body(Map.of("username", "alice", "isBot", false))
                .put("/api/v1/guilds/" + guildId + "/users/" + userId)
                .then().statusCode(201)
                .body("guildId", equalTo(guildId))
                .body("userId", equalTo(userId))
                .body("username", equalTo("alice"))
                .body("isBot", equalTo(false))
                .body("lastSeen", notNullValue());
        api().get("/api/v1/guilds/" + guildId).then().statusCode(200).body("guildId", equalTo(guildId));
        api().body(Map.of("username", "alice2", "isBot", true))
                .put("/api/v1/guilds/" + guildId + "/users/" + userId)
                .then().statusCode(200).body("username", equalTo("alice2")).body("isBot", equalTo(true));
    }

    @Test
    void numericIdsAreAcceptedAndAnsweredAsStrings() {
        String guildId = newId();
        api().body("[{\"userId\": 9007199254740993, \"username\": \"big\"}]")
                .put("/api/v1/guilds/" + guildId + "/users").then().statusCode(200);
        api().get("/api/v1/guilds/" + guildId + "/users/9007199254740993")
                .then().statusCode(200).body("userId", equalTo("9007199254740993"));
    }

    @Test
    void getAndDeleteUnknownMemberAre404() {
        String guildId = Fixtures.guildWithMembers(newId());
        String stranger = newId();
        api().get("/api/v1/guilds/" + guildId + "/users/" + stranger)
                .then().statusCode(404).body("detail", equalTo("user " + stranger + " not found in guild " + guildId));
        api().delete("/api/v1/guilds/" + guildId + "/users/" + stranger).then().statusCode(404);
    }

    @Test
    void deleteRemovesMember() {
        String userId = newId();
        String guildId = Fixtures.guildWithMembers(userId);
        api().delete("/api/v1/guilds/" + guildId + "/users/" + userId).then().statusCode(204);
        api().get("/api/v1/guilds/" + guildId + "/users/" + userId).then().statusCode(404);
    }

    @Test
    void listOfUnknownGuildIs404() {
        String guildId = newId();
        api().get("/api/v1/guilds/" + guildId + "/users")
                .then().statusCode(404).body("detail", equalTo("guild " + guildId + " not found"));
    }

    @Test
    void listPagesByUserId() {
        String guildId = Fixtures.guildWithMembers("30", "10", "20");
        String cursor = api().queryParam("limit", 2).get("/api/v1/guilds/" + guildId + "/users")
                .then().statusCode(200).body("items.userId", contains("10", "20"))
                .extract().path("nextCursor");
        api().queryParam("limit", 2).queryParam("cursor", cursor).get("/api/v1/guilds/" + guildId + "/users")
                .then().statusCode(200).body("items.userId", contains("30")).body("nextCursor", equalTo(null));
    }

    @Test
    void bulkReplaceOfFiveThousandMembersAddsUpdatesAndRemoves() {
        String guildId = newId();
        api().body(members(0, 5000)).put("/api/v1/guilds/" + guildId + "/users")
                .then().statusCode(200)
                .body("added", equalTo(5000)).body("updated", equalTo(0)).body("removed", equalTo(0)).body("total", equalTo(5000));
        api().body(members(1000, 6000)).put("/api/v1/guilds/" + guildId + "/users")
                .then().statusCode(200)
                .body("added", equalTo(1000)).body("updated", equalTo(4000)).body("removed", equalTo(1000)).body("total", equalTo(5000));
        api().get("/api/v1/guilds/" + guildId + "/users/" + (1_000_000 + 999)).then().statusCode(404);
        api().get("/api/v1/guilds/" + guildId + "/users/" + (1_000_000 + 5999)).then().statusCode(200)
                .body("username", equalTo("member5999"));
    }

    @Test
    void bulkReplaceWithEmptyListRemovesEveryone() {
        String guildId = Fixtures.guildWithMembers("1", "2");
        api().body(List.of()).put("/api/v1/guilds/" + guildId + "/users")
                .then().statusCode(200).body("removed", equalTo(2)).body("total", equalTo(0));
    }

    @Test
    void bulkReplaceRefusesRepeatedMember() {
        api().body("[{\"userId\":\"5\"},{\"userId\":\"6\"},{\"userId\":5}]")
                .put("/api/v1/guilds/" + newId() + "/users")
                .then().statusCode(400)
                .body("detail", equalTo("[2].userId: repeats the id at index 0"))
                .body("errors[0].field", equalTo("[2].userId"));
    }

    @Test
    void bulkReplaceRefusesInvalidMembers() {
        api().body("[{\"userId\":\"0\"},null,{\"username\":\"x\"}]")
                .put("/api/v1/guilds/" + newId() + "/users")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("[0].userId", "[1]", "[2].userId"))
                .body("errors.message", contains("must be a Discord id: a whole number from 1 to 9223372036854775807",
                        "must not be null", "is required"));
    }

    private static List<Map<String, Object>> members(int from, int to) {
        List<Map<String, Object>> members = new ArrayList<>();
        for (int i = from; i < to; i++) {
            members.add(Map.of("userId", Long.toString(1_000_000L + i), "username", "member" + i, "isBot", i % 100 == 0));
        }
        return members;
    }
}
