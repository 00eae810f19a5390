package dev.reminderstore.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.output.ConsoleRender;

/**
 * Deployed bots must keep working (docs/api-compatibility.md): the served document may only add to the last
 * released one (docs/openapi-baseline.json) while info.version stays; a breaking change moves info.version. The
 * checker is openapi-diff; the tests below make it see each kind of break, so that the guard cannot go blind.
 */
@QuarkusTest
class OpenApiCompatibilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static String served;

    /** The served document, fetched once (the application is up only once a test runs). */
    private static String served() {
        if (served == null) {
            served = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        }
        return served;
    }

    @Test
    void servedDocumentBreaksNoBotOfTheReleasedVersion() throws Exception {
        String baseline = Files.readString(Path.of("docs/openapi-baseline.json"));
        ChangedOpenApi diff = OpenApiCompare.fromContents(baseline, served());
        String releasedVersion = JSON.readTree(baseline).at("/info/version").asText();
        String servedVersion = JSON.readTree(served()).at("/info/version").asText();
        if (servedVersion.equals(releasedVersion)) {
            assertThat(diff.isIncompatible()).as("breaking changes while info.version stays %s:%n%s", servedVersion, report(diff))
                    .isFalse();
        }
    }

    @Test
    void aRemovedPathIsABreak() throws Exception {
        assertBreaks(document -> ((ObjectNode) document.path("paths")).remove("/api/v1/events/{messageId}/status"));
    }

    @Test
    void aRemovedAnswerFieldIsABreak() throws Exception {
        assertBreaks(document -> removeFromSchema(document, "EventView", "title"));
    }

    @Test
    void aRemovedEnumValueIsABreak() throws Exception {
        assertBreaks(document -> {
            ArrayNode values = (ArrayNode) document.at("/components/schemas/ReminderStatus/enum");
            values.remove(values.size() - 1);
        });
    }

    @Test
    void aNewRequiredRequestFieldIsABreak() throws Exception {
        assertBreaks(document -> ((ArrayNode) document.at("/components/schemas/GuildRequest").withArray("required")).add("name"));
    }

    @Test
    void anAddedOptionalFieldAndAnAddedPathAreNoBreak() throws Exception {
        JsonNode document = JSON.readTree(served());
        ((ObjectNode) document.at("/components/schemas/GuildRequest/properties")).putObject("locale").put("type", "string");
        ((ObjectNode) document.path("paths")).set("/api/v1/ping", document.path("paths").path("/api/v1/guilds"));
        assertThat(OpenApiCompare.fromContents(served(), JSON.writeValueAsString(document)).isIncompatible()).isFalse();
    }

    private static void assertBreaks(Consumer<JsonNode> change) throws Exception {
        JsonNode document = JSON.readTree(served());
        change.accept(document);
        ChangedOpenApi diff = OpenApiCompare.fromContents(served(), JSON.writeValueAsString(document));
        assertThat(diff.isIncompatible()).as(report(diff)).isTrue();
    }

    private static void removeFromSchema(JsonNode document, String schema, String property) {
        ObjectNode node = (ObjectNode) document.at("/components/schemas/" + schema);
        ((ObjectNode) node.path("properties")).remove(property);
        ArrayNode required = (ArrayNode) node.path("required");
        for (int i = required.size() - 1; i >= 0; i--) {
            if (required.get(i).asText().equals(property)) {
                required.remove(i);
            }
        }
    }

    private static String report(ChangedOpenApi diff) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            new ConsoleRender().render(diff, writer);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
