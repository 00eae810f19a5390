package dev.reminderstore.guild;

import static dev.reminderstore.Api.api;
import static dev.reminderstore.Api.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.reminderstore.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class GuildResourceTest {

    @Test
    void putCreatesThenReplaces() {
        String guildId = newId();
        api().body(Map.of("name", "Raiders", "settings", Map.of("reminderChannelId", "42")))
                .put("/api/v1/guilds/" + guildId)
                .then().statusCode(201)
                .header("Location", notNullValue())
                .body("guildId", equalTo(guildId))
                .body("name", equalTo("Raiders"))
                .body("settings.reminderChannelId", equalTo("42"))
                .body("createdAt", notNullValue());
        api().body(Map.of("name", "Raiders 2"))
                .put("/api/v1/guilds/" + guildId)
                .then().statusCode(200)
                .body("name", equalTo("Raiders 2"))
                .body("settings", equalTo(Map.of()));
        api().get("/api/v1/guilds/" + guildId).then().statusCode(200).body("name", equalTo("Raiders 2"));
    }

    @Test
    void unknownGuildIs404() {
        api().get("/api/v1/guilds/" + newId())
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("detail", startsWith("guild "));
    }

    @Test
    void deleteAnswers204Then404() {
        String guildId = newId();
        api().body(Map.of("name", "Gone")).put("/api/v1/guilds/" + guildId).then().statusCode(201);
        api().delete("/api/v1/guilds/" + guildId).then().statusCode(204);
        api().delete("/api/v1/guilds/" + guildId).then().statusCode(404).body("detail", equalTo("guild " + guildId + " not found"));
    }

    @Test
    void listPagesWithCursor() {
        String first = newId();
        String second = newId();
        api().body(Map.of("name", "A")).put("/api/v1/guilds/" + first).then().statusCode(201);
        api().body(Map.of("name", "B")).put("/api/v1/guilds/" + second).then().statusCode(201);
        String cursor = api().queryParam("limit", 1).get("/api/v1/guilds")
                .then().statusCode(200).body("items.size()", equalTo(1)).body("nextCursor", notNullValue())
                .extract().path("nextCursor");
        api().queryParam("limit", 1).queryParam("cursor", cursor).get("/api/v1/guilds")
                .then().statusCode(200).body("items.size()", equalTo(1));
        assertThat(Api.allPages("/api/v1/guilds", "guildId")).contains(first, second).doesNotHaveDuplicates();
    }
}
