package dev.reminderstore.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OpenApiTest {

    @Test
    void documentsEveryResourceWithItsResponses() {
        given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200)
                .body("info.title", containsString("Reminder Store"))
                .body("paths", hasKey("/api/v1/guilds/{guildId}"))
                .body("paths", hasKey("/api/v1/guilds/{guildId}/users"))
                .body("paths", hasKey("/api/v1/events/{messageId}/status"))
                .body("paths", hasKey("/api/v1/events/{messageId}/reactions/{userId}"))
                .body("paths", hasKey("/api/v1/reminder-logs"))
                .body("paths.'/api/v1/events'.post.responses.'409'.description", notNullValue())
                .body("paths.'/api/v1/events/{messageId}'.patch.responses.'412'.description", notNullValue())
                .body("paths.'/api/v1/events/{messageId}/status'.get.parameters.name", hasItems("messageId", "limit", "cursor"))
                .body("paths.'/api/v1/events/{messageId}/status'.get.description", containsString("default 50, at most 500"));
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }
}
