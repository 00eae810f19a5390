package dev.reminderstore.admin;

import dev.reminderstore.Databases.SqliteOnly;
import dev.reminderstore.Schema;
import dev.reminderstore.config.InstanceId;
import static dev.reminderstore.Api.admin;
import static dev.reminderstore.Api.anonymous;
import static dev.reminderstore.Api.api;
import static dev.reminderstore.Api.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

@QuarkusTest
@SqliteOnly
class AdminResourceTest {

    private static final int BLOB_BYTES = 1_000_000;

    static final String BACKUP_NAME = "reminder-store-\\d{8}T\\d{9}Z\\.db";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    BackupService backups;

    @Inject
    InstanceId instance;

    @Test
    void databaseInfoDescribesTheFile() {
        String guildId = newId();
        api().body(Map.of("name", "Counted")).put("/api/v1/guilds/" + guildId).then().statusCode(201);
        admin().get("/api/v1/admin/database")
                .then().statusCode(200)
                .body("databaseKind", equalTo("sqlite"))
                .body("serverVersion", startsWith("3."))
                .body("path", endsWith("target/test-data/reminder-store.db"))
                .body("databaseBytes", greaterThan(0))
                .body("walBytes", greaterThanOrEqualTo(0))
                .body("pageSize", equalTo(4096))
                .body("pageCount", greaterThan(0))
                .body("freelistCount", greaterThanOrEqualTo(0))
                .body("journalMode", equalTo("wal"))
                .body("sqliteVersion", startsWith("3."))
                .body("rowCounts.guild", greaterThanOrEqualTo(1))
                .body("rowCounts", hasKey("user"))
                .body("rowCounts", hasKey("event"))
                .body("rowCounts", hasKey("reaction"))
                .body("rowCounts", hasKey("reminderlog"))
                .body("schemaVersion", equalTo(Schema.latestVersion()))
                .body("instanceId", equalTo(instance.value()));
    }

    @Test
    void backupIsWrittenCheckedPrivateAndListed() throws Exception {
        String name = admin().post("/api/v1/admin/backup")
                .then().statusCode(201)
                .body("backup.name", matchesPattern(BACKUP_NAME))
                .body("backup.sizeBytes", greaterThan(0))
                .body("quickCheck", equalTo("ok"))
                .extract().path("backup.name");
        Path file = backups.folder().resolve(name);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        try (var names = Files.list(file.getParent())) {
            assertThat(names.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".partial") || n.endsWith("-wal"));
        }
        admin().get("/api/v1/admin/backups")
                .then().statusCode(200)
                .body("[0].name", equalTo(name))
                .body("[0].sizeBytes", equalTo((int) Files.size(file)))
                .body("name", everyItem(matchesPattern(BACKUP_NAME)));
    }

    @Test
    void retentionKeepsTheNewestAndLeavesOtherFilesAlone() throws Exception {
        Files.createDirectories(backups.folder(), PosixFilePermissions.asFileAttribute(BackupService.OWNER_ONLY_FOLDER));
        Path foreign = backups.folder().resolve("operator-copy.db");
        Files.writeString(foreign, "not ours");
        List<String> taken = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            taken.add(admin().post("/api/v1/admin/backup").then().statusCode(201).extract().path("backup.name"));
        }
        List<String> listed = admin().get("/api/v1/admin/backups").then().statusCode(200).extract().path("name");
        assertThat(listed).containsExactly(taken.get(3), taken.get(2), taken.get(1));
        assertThat(backups.folder().resolve(taken.get(0))).doesNotExist();
        assertThat(foreign).exists();
    }

    /** The service keeps writing while VACUUM INTO copies; no write fails and the copy is sound. */
    @Test
    void backupWhileWriting() throws Exception {
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        Future<List<Integer>> statuses = writer.submit(() -> {
            List<Integer> seen = new ArrayList<>();
            while (writing.get() || seen.size() < 20) {
                seen.add(api().body(Map.of("name", "busy")).put("/api/v1/guilds/" + newId()).then().extract().statusCode());
            }
            return seen;
        });
        try {
            for (int i = 0; i < 3; i++) {
                admin().post("/api/v1/admin/backup").then().statusCode(201).body("quickCheck", equalTo("ok"));
            }
        } finally {
            writing.set(false);
            writer.shutdown();
        }
        assertThat(statuses.get()).isNotEmpty().containsOnly(201);
    }

    @Test
    void scheduledBackupTakesOne() {
        List<BackupFile> before = backups.list();
        backups.backupOnSchedule();
        BackupFile newest = backups.list().get(0);
        assertThat(before).doesNotContain(newest);
        assertThat(newest.createdAt()).isAfter(Instant.now().minusSeconds(60));
    }

    /** The backup folder cannot be created (a file is in the way): 500 that says why, and the metric shows it. */
    @Test
    void failedBackupIs500AndShowsInTheMetric() throws Exception {
        Path folder = backups.folder();
        Path aside = folder.resolveSibling("backups-aside");
        Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(BackupService.OWNER_ONLY_FOLDER));
        Files.move(folder, aside);
        Files.writeString(folder, "in the way");
        try {
            admin().post("/api/v1/admin/backup")
                    .then().statusCode(500)
                    .contentType("application/problem+json")
                    .body("detail", matchesPattern("the backup reminder-store-\\d{8}T\\d{9}Z\\.db to .*/backups failed: .*"));
            assertThat(backups.lastResult()).isEqualTo(BackupService.Result.FAILURE);
            String metrics = anonymous().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metrics).containsPattern("(?m)^reminderstore_backup_last_result 0\\.0$");
        } finally {
            Files.delete(folder);
            Files.move(aside, folder);
        }
        admin().post("/api/v1/admin/backup").then().statusCode(201);
        assertThat(backups.lastResult()).isEqualTo(BackupService.Result.SUCCESS);
    }

    /** docs/operations.md, "Restore": copy the backup over the database file, start; the data is there. */
    @Test
    void restoredBackupStartsWithTheData() throws Exception {
        String guildId = newId();
        api().body(Map.of("name", "Restored")).put("/api/v1/guilds/" + guildId).then().statusCode(201);
        String name = admin().post("/api/v1/admin/backup").then().statusCode(201).extract().path("backup.name");

        Path restored = RestoreProcedure.restore(backups.folder().resolve(name), Path.of("target/restore-test/reminder-store.db"));

        assertThat(RestoreProcedure.migrationsRunAtStart(restored)).isZero();
        assertThat(RestoreProcedure.guildName(restored, Long.parseLong(guildId))).contains("Restored");
        assertThat(BackupService.quickCheck(restored)).isEqualTo("ok");
    }

    @Test
    void optimizeVacuumsWhenManyPagesAreFreeAndTruncatesTheWal() {
        // Free pages worth half the file (or 1 MB at least), whatever the other tests stored before.
        int pages = admin().get("/api/v1/admin/database").then().statusCode(200).extract().path("pageCount");
        int blobs = Math.max(1, pages * 4096 / 2 / BLOB_BYTES + 1);
        List<String> bulky = new ArrayList<>();
        for (int i = 0; i < blobs; i++) {
            String guildId = newId();
            bulky.add(guildId);
            api().body(Map.of("name", "bulky", "settings", Map.of("blob", "x".repeat(BLOB_BYTES))))
                    .put("/api/v1/guilds/" + guildId).then().statusCode(201);
        }
        bulky.forEach(guildId -> api().delete("/api/v1/guilds/" + guildId).then().statusCode(204));

        admin().post("/api/v1/admin/optimize")
                .then().statusCode(200)
                .body("vacuumed", equalTo(true))
                .body("vacuumReason", matchesPattern("\\d+% of the pages are free; the threshold is 10%"))
                .body("before.freelistCount", greaterThanOrEqualTo(BLOB_BYTES / 4096))
                .body("after.freelistCount", equalTo(0))
                .body("after.walBytes", equalTo(0))
                .body("checkpoint.busy", equalTo(false))
                .body("checkpoint.walFrames", greaterThan(0))
                .body("checkpoint.checkpointedFrames", response -> equalTo(response.path("checkpoint.walFrames")))
                .body("durationMs", greaterThanOrEqualTo(0));

        admin().post("/api/v1/admin/optimize")
                .then().statusCode(200)
                .body("vacuumed", equalTo(false))
                .body("vacuumReason", equalTo("0% of the pages are free; the threshold is 10%"));
    }

    @Test
    void integrityCheckOnASoundDatabase() {
        admin().post("/api/v1/admin/integrity-check")
                .then().statusCode(200)
                .body("ok", equalTo(true))
                .body("integrity", equalTo(List.of("ok")))
                .body("foreignKeyViolations.size()", equalTo(0))
                .body("durationMs", greaterThanOrEqualTo(0));
    }

    @Test
    void integrityCheckReportsRowsWithoutParent() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA foreign_keys = OFF");
            try {
                statement.execute("INSERT INTO reaction (id, event_id, user_id, emoji, reacted_at, created_at, updated_at) "
                        + "VALUES (987654321, 123456789, 1, 'x', 0, 0, 0)");
                admin().post("/api/v1/admin/integrity-check")
                        .then().statusCode(200)
                        .body("ok", equalTo(false))
                        .body("integrity", equalTo(List.of("ok")))
                        .body("foreignKeyViolations[0].table", equalTo("reaction"))
                        .body("foreignKeyViolations[0].rowid", equalTo(987654321))
                        .body("foreignKeyViolations[0].parent", equalTo("event"));
            } finally {
                statement.execute("DELETE FROM reaction WHERE id = 987654321");
                statement.execute("PRAGMA foreign_keys = ON");
            }
        }
    }
}
