package dev.reminderstore.migration;

import static dev.reminderstore.Api.admin;
import static dev.reminderstore.Api.api;

import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Test helpers around whole stores and the legacy fixtures. */
final class Stores {

    /** Copies of the old bot's files (src/test/resources/legacy); the generator of large ones is bench/generate_legacy.py. */
    static final Path FIXTURES = Path.of("src/test/resources/legacy");
    static final Path CURRENT = FIXTURES.resolve("watched_reminders_current.json");
    static final Path OLDEST = FIXTURES.resolve("watched_matches_oldest.json");
    static final Path GENERATOR = Path.of("bench/generate_legacy.py");

    private Stores() {
    }

    /** Empties the store through the API: deleting a guild deletes everything under it. */
    static void wipe() {
        while (true) {
            List<String> guildIds = api().queryParam("limit", 500).get("/api/v1/guilds")
                    .then().statusCode(200).extract().path("items.guildId");
            if (guildIds.isEmpty()) {
                return;
            }
            guildIds.forEach(id -> api().delete("/api/v1/guilds/" + id).then().statusCode(204));
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Response migrate(String document) {
        return admin().body(document).post("/api/v1/admin/migrate");
    }

    static Response dryRun(String document) {
        return admin().queryParam("dryRun", true).body(document).post("/api/v1/admin/migrate");
    }
}
