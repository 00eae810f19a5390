package dev.reminderstore.api;

import static dev.reminderstore.Api.ADMIN_KEY;
import static dev.reminderstore.Api.BOT_KEY;
import static dev.reminderstore.Api.admin;
import static dev.reminderstore.Api.anonymous;
import static dev.reminderstore.Api.api;
import static dev.reminderstore.Api.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class ApiKeyFilterTest {

    private static final String BEARER_CHALLENGE = "Bearer realm=\"reminder-store\"";

    @Test
    void callWithoutKeyIs401WithChallenge() {
        anonymous().get("/api/v1/guilds")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", BEARER_CHALLENGE)
                .body("status", equalTo(401))
                .body("detail", equalTo("this API needs an Authorization: Bearer <key> header"));
    }

    @Test
    void wrongKeyIs401InvalidToken() {
        anonymous().auth().oauth2("not-the-key").get("/api/v1/guilds")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", BEARER_CHALLENGE + ", error=\"invalid_token\"")
                .body("detail", equalTo("the key is not valid"));
    }

    @Test
    void keyOfAnotherSchemeIs401() {
        anonymous().header("Authorization", "Basic " + BOT_KEY).get("/api/v1/guilds")
                .then().statusCode(401).body("detail", equalTo("this API needs an Authorization: Bearer <key> header"));
    }

    @Test
    void prefixOfTheKeyIs401() {
        anonymous().auth().oauth2(BOT_KEY.substring(0, BOT_KEY.length() - 1)).get("/api/v1/guilds")
                .then().statusCode(401).body("detail", equalTo("the key is not valid"));
    }

    @Test
    void unknownPathWithoutKeyIs401NotA404() {
        anonymous().get("/api/v1/no-such-thing").then().statusCode(401);
        api().get("/api/v1/no-such-thing").then().statusCode(404);
    }

    @Test
    void writeWithoutKeyChangesNothing() {
        String guildId = newId();
        anonymous().body(Map.of("name", "Intruders")).put("/api/v1/guilds/" + guildId).then().statusCode(401);
        api().get("/api/v1/guilds/" + guildId).then().statusCode(404);
    }

    @Test
    void botKeyOpensTheBotsCalls() {
        api().get("/api/v1/guilds").then().statusCode(200);
    }

    @Test
    void adminKeyOpensTheBotsCallsToo() {
        String guildId = newId();
        admin().body(Map.of("name", "Ops")).put("/api/v1/guilds/" + guildId).then().statusCode(201);
        api().get("/api/v1/guilds/" + guildId).then().statusCode(200).body("name", equalTo("Ops"));
    }

    @Test
    void schemeNameIsCaseInsensitive() {
        anonymous().header("Authorization", "bearer " + BOT_KEY).get("/api/v1/guilds").then().statusCode(200);
    }

    @Test
    void botKeyOnAdminIs403() {
        api().get("/api/v1/admin/database")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403))
                .body("detail", equalTo("this endpoint needs the admin key (ADMIN_API_KEY)"));
        api().post("/api/v1/admin/backup").then().statusCode(403);
        api().get("/api/v1/admin/backups").then().statusCode(403);
        api().post("/api/v1/admin/optimize").then().statusCode(403);
        api().post("/api/v1/admin/integrity-check").then().statusCode(403);
    }

    @Test
    void adminWithoutKeyIs401() {
        anonymous().get("/api/v1/admin/database").then().statusCode(401);
        anonymous().auth().oauth2("wrong").post("/api/v1/admin/backup").then().statusCode(401);
    }

    @Test
    void adminKeyOpensAdmin() {
        admin().get("/api/v1/admin/database").then().statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1//admin/database", "/api/v1/ADMIN/database", "/api/v1/admin;x=1/database",
        "/api/v1/%61dmin/database", "/api/v1/guilds/../admin/database", "/api/v1/./admin/database",
        "//api/v1/admin/database", "/api/v1/admin/database/"})
    void otherSpellingsOfAdminPathsDoNotLetTheBotKeyIn(String path) {
        int status = api().urlEncodingEnabled(false).get(path).then().extract().statusCode();
        assertThat(status).as(path).isIn(403, 404);
    }

    @Test
    void quarkusEndpointsStayOpen() {
        anonymous().get("/q/health/ready").then().statusCode(200);
        anonymous().accept("*/*").get("/q/metrics").then().statusCode(200);
        anonymous().accept("*/*").get("/q/openapi").then().statusCode(200);
    }

    @Test
    void openApiDocumentsTheBearerKey() {
        anonymous().accept("application/json").get("/q/openapi")
                .then().statusCode(200)
                .body("components.securitySchemes.apiKey.type", equalTo("http"))
                .body("components.securitySchemes.apiKey.scheme", equalTo("bearer"))
                .body("security[0]", hasKey("apiKey"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/admin", "/api/v1/admin/backup", "/api/v1//admin/x", "/api/v1/Admin/x", "/api/v1/admin;v=2/x"})
    void adminSpellingsAreAdminPaths(String path) {
        assertThat(ApiKeyFilter.isAdminPath(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/guilds", "/api/v1/events/1/status", "/api/v1/administrators", "/api/v1/guilds/admins"})
    void otherPathsAreNotAdminPaths(String path) {
        assertThat(ApiKeyFilter.isAdminPath(path)).isFalse();
    }

    @Test
    void testKeysDiffer() {
        assertThat(ADMIN_KEY).isNotEqualTo(BOT_KEY);
    }
}
