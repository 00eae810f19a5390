package dev.reminderstore.migration;

import static dev.reminderstore.Api.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The import at start: the file found, imported before the service is up, kept safe, never imported twice. */
@QuarkusTest
@TestProfile(LegacyAutoMigrationTest.WithLegacyFile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LegacyAutoMigrationTest {

    static final Path FOLDER = Path.of("target/auto-migration");
    static final Path LEGACY_FILE = FOLDER.resolve("watched_reminders.json");
    static final Path BACKUPS = FOLDER.resolve("backups");

    /**
     * Auto-migration on, pointed at a copy of the current fixture under target/ made before Quarkus starts, with a
     * database file of its own that starts empty.
     */
    public static class WithLegacyFile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                if (Files.exists(FOLDER)) {
                    try (Stream<Path> files = Files.walk(FOLDER)) {
                        files.sorted((a, b) -> b.compareTo(a)).forEach(file -> file.toFile().delete());
                    }
                }
                Files.createDirectories(FOLDER);
                Files.copy(Stores.CURRENT, LEGACY_FILE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("reminder.database-path", FOLDER.resolve("store.db").toString(),
                    "reminder.migration.auto-migrate", "true",
                    "reminder.migration.legacy-json-path", LEGACY_FILE.toString(),
                    "reminder.backup.dir", BACKUPS.toString());
        }
    }

    @Inject
    LegacyAutoMigration autoMigration;

    @Test
    @Order(1)
    void importedAtStartThenKeptSafe() throws IOException {
        api().get("/api/v1/events/1187654321098765432").then().statusCode(200)
                .body("title", equalTo("Entraînement mardi 20h 🏆"));
        api().get("/api/v1/events/1187654321098765432/status").then().statusCode(200).body("total", equalTo(5));

        assertThat(LEGACY_FILE).doesNotExist();
        List<Path> renamed = list(FOLDER, "watched_reminders.json.migrated-");
        assertThat(renamed).hasSize(1);
        assertThat(renamed.get(0)).hasSameTextualContentAs(Stores.CURRENT);

        List<Path> copies = list(BACKUPS, "watched_reminders-");
        assertThat(copies).hasSize(1);
        assertThat(copies.get(0).getFileName().toString()).matches("watched_reminders-\\d{8}T\\d{6}Z\\.json");
        assertThat(copies.get(0)).hasSameTextualContentAs(Stores.CURRENT);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copies.get(0)))).isEqualTo("rw-------");
    }

    @Test
    @Order(2)
    void restartDoesNotImportAgain() throws IOException {
        // Renamed: nothing to find.
        assertThat(autoMigration.run()).isEmpty();
        // Put back by hand: found, but the store holds events.
        Files.copy(Stores.CURRENT, LEGACY_FILE);
        assertThat(autoMigration.run()).isEmpty();
        assertThat(LEGACY_FILE).exists();
        Files.delete(LEGACY_FILE);
    }

    @Test
    @Order(3)
    void failedImportLeavesStoreAndFileAsTheyWere() throws IOException {
        Stores.wipe();
        String good = Stores.read(Stores.CURRENT).trim();
        Files.writeString(LEGACY_FILE, good.substring(0, good.length() - 1) + ", \"1\": {\"message_id\": 1");
        assertThat(autoMigration.run()).isEmpty();
        api().get("/api/v1/events/1187654321098765432").then().statusCode(404);
        assertThat(LEGACY_FILE).exists();
        Files.delete(LEGACY_FILE);
    }

    @Test
    @Order(4)
    void oldestFileBesideIsFoundToo() throws IOException {
        Stores.wipe();
        Path oldest = FOLDER.resolve(LegacyAutoMigration.OLDEST_FILE_NAME);
        Files.copy(Stores.OLDEST, oldest);
        assertThat(autoMigration.run()).hasValueSatisfying(report -> assertThat(report.events()).isEqualTo(1));
        assertThat(oldest).doesNotExist();
        assertThat(list(FOLDER, "watched_matches.json.migrated-")).hasSize(1);
        assertThat(list(BACKUPS, "watched_matches-")).hasSize(1);
        api().get("/api/v1/events/123456789").then().statusCode(200);
    }

    private static List<Path> list(Path folder, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().startsWith(prefix)).toList();
        }
    }
}
