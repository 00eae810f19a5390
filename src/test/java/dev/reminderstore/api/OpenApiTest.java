package dev.reminderstore.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * The served document as a client generator reads it. The rules are checked on every operation, so that an endpoint
 * added later is held to them too; the main operations are also checked one by one.
 */
@QuarkusTest
class OpenApiTest {

    private static final String PROBLEM = "#/components/schemas/Problem";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "patch", "delete");
    private static JsonNode document;

    /** The document, fetched once (the application is up only once a test runs). */
    private static JsonNode document() {
        if (document == null) {
            try {
                document = new ObjectMapper().readTree(given().queryParam("format", "json").get("/q/openapi")
                        .then().statusCode(200).extract().asString());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return document;
    }

    @Test
    void headNamesTheApiItsVersionLicenceAndServer() {
        assertThat(document().at("/info/title").asText()).isEqualTo("Reminder Store API");
        assertThat(document().at("/info/version").asText()).isEqualTo("1.1");
        assertThat(document().at("/info/license/name").asText()).isEqualTo("Proprietary");
        assertThat(document().at("/servers/0/url").asText()).isEqualTo("/");
        assertThat(document().at("/components/securitySchemes/apiKey/scheme").asText()).isEqualTo("bearer");
    }

    @Test
    void everyOperationHasAUniqueReadableIdAndNeedsAKey() {
        Set<String> ids = new HashSet<>();
        List<String> wrong = new ArrayList<>();
        forEachOperation((where, operation) -> {
            String id = operation.path("operationId").asText();
            if (!id.matches("[a-z][A-Za-z]+") || !ids.add(id)) {
                wrong.add(where + ": operationId '" + id + "'");
            }
            if (!operation.at("/security/0/apiKey").isArray()) {
                wrong.add(where + ": no security");
            }
        });
        assertThat(wrong).isEmpty();
        assertThat(ids).contains("getEvent", "createEvent", "upsertEvent", "patchEvent", "deleteEvent", "getEventStatus",
                "upsertReaction", "deleteReaction", "replaceMembers", "remindNow", "listReminderLogs", "upsertGuild");
    }

    @Test
    void everyOperationAnswersSomeErrorAndEveryErrorIsAProblem() {
        List<String> wrong = new ArrayList<>();
        forEachOperation((where, operation) -> {
            JsonNode responses = operation.path("responses");
            if (!responses.has("401") || !responses.has("503")) {
                wrong.add(where + ": no 401 or 503");
            }
            if (where.contains("/api/v1/admin/") && !responses.has("403")) {
                wrong.add(where + ": admin without 403");
            }
            if (operation.has("requestBody") && !(responses.has("400") && responses.has("413"))) {
                wrong.add(where + ": body without 400 and 413");
            }
            responses.fields().forEachRemaining(answer -> {
                if (answer.getKey().matches("[45]\\d\\d") && !PROBLEM.equals(
                        answer.getValue().at("/content/application~1problem+json/schema/$ref").asText())) {
                    wrong.add(where + " " + answer.getKey() + ": not a Problem");
                }
            });
        });
        assertThat(wrong).isEmpty();
        assertThat(operation("/api/v1/events/{messageId}", "get").at("/responses/503/headers/Retry-After/schema/type").asText())
                .isEqualTo("integer");
    }

    @Test
    void everySuccessThatHasABodyNamesItsSchema() {
        List<String> wrong = new ArrayList<>();
        forEachOperation((where, operation) -> operation.path("responses").fields().forEachRemaining(answer -> {
            JsonNode schema = answer.getValue().at("/content/application~1json/schema");
            boolean typed = schema.has("$ref") || schema.has("type");
            if (answer.getKey().matches("2\\d\\d") && !answer.getKey().equals("204") && !typed
                    && !where.equals("GET /api/v1/admin/export")) {
                wrong.add(where + " " + answer.getKey() + ": " + answer.getValue().path("content"));
            }
        }));
        assertThat(wrong).isEmpty();
        assertThat(schemaRef("/api/v1/events/{messageId}", "get", "200")).isEqualTo("#/components/schemas/EventView");
        assertThat(schemaRef("/api/v1/events/{messageId}", "patch", "200")).isEqualTo("#/components/schemas/EventView");
        assertThat(schemaRef("/api/v1/events", "post", "201")).isEqualTo("#/components/schemas/EventView");
        assertThat(schemaRef("/api/v1/events/{messageId}", "put", "201")).isEqualTo("#/components/schemas/EventView");
        assertThat(schemaRef("/api/v1/events/{messageId}/reactions/{userId}", "put", "200"))
                .isEqualTo("#/components/schemas/ReactionView");
        assertThat(schemaRef("/api/v1/guilds/{guildId}", "put", "201")).isEqualTo("#/components/schemas/GuildView");
        assertThat(schemaRef("/api/v1/guilds/{guildId}/users/{userId}", "put", "200")).isEqualTo("#/components/schemas/UserView");
        assertThat(schemaRef("/api/v1/admin/backup", "post", "201")).isEqualTo("#/components/schemas/BackupReport");
        assertThat(schemaRef("/api/v1/events/{messageId}/reminder-logs", "get", "200"))
                .isEqualTo("#/components/schemas/PageReminderLogView");
        assertThat(schema("PageReminderLogView").at("/properties/items/items/$ref").asText())
                .isEqualTo("#/components/schemas/ReminderLogView");
    }

    @Test
    void headersOfVersionsAndCreationsAreDeclared() {
        assertThat(operation("/api/v1/events/{messageId}", "get").at("/responses/200/headers/ETag/$ref").asText())
                .isEqualTo("#/components/headers/ETag");
        assertThat(operation("/api/v1/events", "post").at("/responses/201/headers/Location/$ref").asText())
                .isEqualTo("#/components/headers/Location");
        assertThat(operation("/api/v1/guilds/{guildId}", "put").at("/responses/201/headers/Location/$ref").asText())
                .isEqualTo("#/components/headers/Location");
        JsonNode patch = operation("/api/v1/events/{messageId}", "patch");
        assertThat(parameter(patch, "If-Match").path("in").asText()).isEqualTo("header");
        assertThat(patch.at("/responses/200/headers/ETag/$ref").asText()).isEqualTo("#/components/headers/ETag");
        assertThat(patch.at("/responses/412/content/application~1problem+json/schema/$ref").asText()).isEqualTo(PROBLEM);
    }

    @Test
    void problemSchemaHasItsFieldErrors() {
        JsonNode problem = schema("Problem");
        assertThat(texts(problem.path("required"))).containsExactly("type", "title", "status");
        assertThat(problem.at("/properties/errors/items/$ref").asText()).isEqualTo("#/components/schemas/FieldError");
        assertThat(texts(schema("FieldError").path("required"))).containsExactly("field", "message");
        assertThat(problem.at("/examples/0/errors/0/field").asText()).isEqualTo("title");
    }

    @Test
    void patchBodyIsAMergePatchOfThePatchableFields() {
        JsonNode body = operation("/api/v1/events/{messageId}", "patch").path("requestBody");
        assertThat(body.path("required").asBoolean()).isTrue();
        assertThat(body.at("/content/application~1merge-patch+json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/EventPatch");
        JsonNode patch = schema("EventPatch");
        assertThat(names(patch.path("properties"))).containsExactlyInAnyOrder(
                "title", "description", "intervalMinutes", "isPaused", "requiredReactions");
        assertThat(patch.path("required").size()).isZero();
        assertThat(texts(patch.at("/properties/isPaused/type"))).containsExactlyInAnyOrder("boolean", "null");
        assertThat(texts(patch.at("/properties/title/type"))).containsExactly("string");
        assertThat(document().at("/components/schemas").has("JsonNode")).isFalse();
    }

    @Test
    void answersMarkTheirFieldsRequiredAndTheNullableOnesNullable() {
        JsonNode event = schema("EventView");
        assertThat(texts(event.path("required"))).containsExactlyInAnyOrderElementsOf(names(event.path("properties")));
        assertThat(texts(event.at("/properties/description/type"))).containsExactlyInAnyOrder("string", "null");
        assertThat(texts(event.at("/properties/title/type"))).containsExactly("string");
        assertThat(texts(schema("EventRequest").path("required"))).containsExactlyInAnyOrder("channelId", "guildId", "title");
        assertThat(texts(schema("MemberRequest").path("required"))).containsExactly("userId");
    }

    @Test
    void idsAreStringsOfDigitsAndStatusesAreEnums() {
        assertThat(schema("EventView").at("/properties/messageId/pattern").asText()).isEqualTo(ApiDocumentation.ID_PATTERN);
        assertThat(schema("EventStatus").at("/properties/missingUserIds/items/pattern").asText())
                .isEqualTo(ApiDocumentation.ID_PATTERN);
        assertThat(schema("MemberRequest").at("/properties/userId/pattern").asText()).isEqualTo(ApiDocumentation.ID_PATTERN);
        JsonNode get = operation("/api/v1/guilds/{guildId}/users/{userId}", "get");
        assertThat(parameter(get, "userId").at("/schema/pattern").asText()).isEqualTo(ApiDocumentation.ID_PATTERN);
        assertThat("1187654321098765432").matches(ApiDocumentation.ID_PATTERN);
        assertThat("0123").doesNotMatch(ApiDocumentation.ID_PATTERN);
        assertThat(texts(schema("ReminderStatus").path("enum"))).containsExactly("pending", "sent", "failed");
        JsonNode logs = operation("/api/v1/reminder-logs", "get");
        assertThat(parameter(logs, "status").at("/schema/$ref").asText()).isEqualTo("#/components/schemas/ReminderStatus");
        assertThat(parameter(logs, "limit").at("/schema/maximum").asInt()).isEqualTo(PageRequest.MAX_LIMIT);
        assertThat(parameter(logs, "since").at("/schema/format").asText()).isEqualTo("date-time");
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }

    private static void forEachOperation(BiConsumer<String, JsonNode> check) {
        document().path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            if (METHODS.contains(operation.getKey())) {
                check.accept(operation.getKey().toUpperCase() + " " + path.getKey(), operation.getValue());
            }
        }));
        assertThat(document().path("paths").size()).isPositive();
    }

    private static JsonNode operation(String path, String method) {
        JsonNode operation = document().path("paths").path(path).path(method);
        assertThat(operation.isObject()).as(method + " " + path).isTrue();
        return operation;
    }

    private static String schemaRef(String path, String method, String status) {
        return operation(path, method).at("/responses/" + status + "/content/application~1json/schema/$ref").asText();
    }

    private static JsonNode schema(String name) {
        return document().at("/components/schemas/" + name);
    }

    private static JsonNode parameter(JsonNode operation, String name) {
        for (JsonNode parameter : operation.path("parameters")) {
            if (parameter.path("name").asText().equals(name)) {
                return parameter;
            }
        }
        throw new AssertionError("no parameter " + name);
    }

    private static List<String> texts(JsonNode node) {
        List<String> texts = new ArrayList<>();
        if (node.isTextual()) {
            texts.add(node.asText());
        }
        node.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
