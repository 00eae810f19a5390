package dev.reminderstore.db;

import static dev.reminderstore.Api.api;
import static dev.reminderstore.Api.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.reminderstore.Databases.SqliteOnly;
import dev.reminderstore.reminder.ReminderLedger;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Something outside the service (an operator's sqlite3, a second process on the file) holds SQLite's write lock
 * longer than the write time limit: every write fails as a whole with 503 and Retry-After before any of its statements
 * runs, nothing of it is stored, and the same writes succeed once the lock is released. Its own file and a short limit.
 */
@QuarkusTest
@SqliteOnly
@TestProfile(OutsideWriterTest.ShortWriteLimit.class)
class OutsideWriterTest {

    static final String FILE = "target/test-data/outside-writer.db";
    static final String LOCKED =
            "the database file is locked by another writer (another process or connection); try again shortly";

    public static final class ShortWriteLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("reminder.database-path", FILE, "%test.reminder.database-path", FILE,
                    "reminder.write-timeout", "1s");
        }
    }

    @Inject
    ReminderLedger ledger;

    @Inject
    WriteQueue writeQueue;

    @Inject
    MeterRegistry meters;

    @Test
    void writesFailAsAWholeWhileAnotherProcessHoldsTheWriteLock() throws Exception {
        String guildId = newId();
        String member = newId();
        api().body(List.of(Map.of("userId", member, "username", "alice"))).put("/api/v1/guilds/" + guildId + "/users")
                .then().statusCode(200);
        String messageId = newId();
        Instant lastReminder = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MILLIS);
        api().body(Map.of("channelId", newId(), "guildId", guildId, "title", "Raid", "intervalMinutes", 60,
                "lastReminder", lastReminder.toString())).put("/api/v1/events/" + messageId).then().statusCode(201);
        String dueAt = lastReminder.plus(Duration.ofHours(1)).toString();
        String newGuild = newId();
        List<Map<String, String>> newMembers = List.of(Map.of("userId", member, "username", "alice"),
                Map.of("userId", newId(), "username", "bob"), Map.of("userId", newId(), "username", "carol"));

        double waits = count("store.write.waits", "database");
        double timeouts = count("store.write.timeouts", "database");
        try (Connection outside = DriverManager.getConnection("jdbc:sqlite:" + FILE);
             Statement statement = outside.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            long started = System.nanoTime();
            busy(api().body(Map.of("name", "new", "settings", Map.of())).put("/api/v1/guilds/" + newGuild), LOCKED);
            busy(api().body(newMembers).put("/api/v1/guilds/" + guildId + "/users"), LOCKED);
            busy(api().body(Map.of("emoji", "✅")).put("/api/v1/events/" + messageId + "/reactions/" + member), LOCKED);
            busy(api().post("/api/v1/events/" + messageId + "/remind"), LOCKED);
            assertThatThrownBy(() -> ledger.claimDue(Instant.now(), 100))
                    .isInstanceOf(StoreBusyException.class).hasMessage(LOCKED);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("five writes, each waiting its limit of 1 s")
                    .isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
            given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
            statement.execute("ROLLBACK");
        }
        assertThat(count("store.write.waits", "database") - waits).isEqualTo(5);
        assertThat(count("store.write.timeouts", "database") - timeouts).isEqualTo(5);

        api().get("/api/v1/guilds/" + newGuild).then().statusCode(404);
        api().get("/api/v1/guilds/" + guildId + "/users").then().statusCode(200).body("items.size()", equalTo(1));
        api().get("/api/v1/events/" + messageId + "/reactions").then().statusCode(200).body("items.size()", equalTo(0));
        api().get("/api/v1/events/" + messageId).then().statusCode(200)
                .body("lastReminder", equalTo(lastReminder.toString())).body("nextReminderAt", equalTo(dueAt));
        assertThat(reminderLogRows(messageId)).isZero();

        api().body(Map.of("name", "new", "settings", Map.of())).put("/api/v1/guilds/" + newGuild).then().statusCode(201);
        api().body(newMembers).put("/api/v1/guilds/" + guildId + "/users").then().statusCode(200).body("added", equalTo(2));
        api().body(Map.of("emoji", "✅")).put("/api/v1/events/" + messageId + "/reactions/" + member).then().statusCode(201);
        assertThat(ledger.claimDue(Instant.now(), 100).reminders())
                .filteredOn(reminder -> reminder.messageId() == Long.parseLong(messageId))
                .singleElement().satisfies(reminder -> assertThat(reminder.missingUserIds()).hasSize(2));
        assertThat(reminderLogRows(messageId)).isEqualTo(1);
    }

    @Test
    void aWriteThatWaitsInTheQueueLongerThanTheLimitFailsWith503() throws Exception {
        double waits = count("store.write.waits", "queue");
        double timeouts = count("store.write.timeouts", "queue");
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<?> held = writer.submit(() -> writeQueue.serialize(() -> {
                holding.countDown();
                return release.await(30, TimeUnit.SECONDS);
            }));
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            String guildId = newId();
            busy(api().body(Map.of("name", "queued", "settings", Map.of())).put("/api/v1/guilds/" + guildId),
                    "the database is busy with other writes; try again shortly");
            given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
            release.countDown();
            held.get(10, TimeUnit.SECONDS);
            api().get("/api/v1/guilds/" + guildId).then().statusCode(404);
        } finally {
            release.countDown();
            writer.shutdownNow();
        }
        assertThat(count("store.write.waits", "queue") - waits).isEqualTo(1);
        assertThat(count("store.write.timeouts", "queue") - timeouts).isEqualTo(1);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("store_write_timeouts_total{lock=\"queue\"}"))
                .body(containsString("store_write_waits_total{lock=\"database\"}"));
    }

    private double count(String meter, String lock) {
        return meters.get(meter).tag("lock", lock).counter().count();
    }

    private static void busy(Response response, String detail) {
        response.then().statusCode(503).contentType("application/problem+json").header("Retry-After", "1")
                .body("status", equalTo(503)).body("detail", equalTo(detail));
    }

    private static long reminderLogRows(String messageId) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + FILE);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select count(*) from reminderlog l join event e on e.id = l.event_id"
                     + " where e.message_id = " + messageId)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
