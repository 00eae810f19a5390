package dev.reminderstore.reminder;

import static dev.reminderstore.Api.admin;
import static dev.reminderstore.reminder.FakeDiscord.messagesPath;
import static dev.reminderstore.reminder.ReminderTesting.allLogs;
import static dev.reminderstore.reminder.ReminderTesting.dueTogether;
import static dev.reminderstore.reminder.ReminderTesting.postedIn;
import static dev.reminderstore.reminder.ReminderTesting.startWithStandInDiscord;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reminderstore.Databases.SqliteOnly;
import dev.reminderstore.PackagedInstance;
import io.restassured.RestAssured;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A real crash and restart of the packaged service on its SQLite file: killed (SIGKILL) while it delivers a batch
 * to a slow stand-in Discord, then started again on the same file. The new process takes over the claims the dead
 * one left once their leases expire, and delivers them again with the same nonces: every reminder arrives, once.
 */
@SqliteOnly
class RestartRecoveryIT {

    private static final int EVENTS = 60;
    private static final FakeDiscord DISCORD = FakeDiscord.INSTANCE;
    private static final Path DATABASE = Path.of("target/it-data/restart/reminder-store.db").toAbsolutePath();

    private final List<PackagedInstance> started = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        DISCORD.delayAnswers(Duration.ZERO);
        for (PackagedInstance instance : started) {
            instance.close();
        }
        RestAssured.reset();
    }

    @Test
    void killedInstanceRestartedDeliversEveryReminderOnce() throws Exception {
        Files.createDirectories(DATABASE.getParent());
        Files.deleteIfExists(DATABASE);
        PackagedInstance first = start("restart-first");
        String firstId = instanceId();
        assertThat(first.output()).contains("this instance claims them as " + firstId);

        List<String> channels = dueTogether(EVENTS, 2, "Crash", Duration.ofSeconds(10));
        // Slow answers keep a batch in flight: the kill comes while requests are out and outcomes unrecorded.
        DISCORD.delayAnswers(Duration.ofMillis(300));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> postedIn(channels) >= 16);
        first.kill();
        long postedBeforeRestart = postedIn(channels);
        assertThat(postedBeforeRestart).as("killed mid-batch").isLessThan(EVENTS);

        start("restart-second");
        String secondId = instanceId();
        assertThat(secondId).isNotEqualTo(firstId);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> allLogs().stream().noneMatch(row -> "pending".equals(row.get("status"))));

        // Each channel got one message, though some nonces reached Discord twice (before and after the crash).
        assertThat(channels).allSatisfy(channel -> assertThat(DISCORD.postedMessages(messagesPath(channel))).as(channel).isEqualTo(1));
        List<FakeDiscord.Request> requests = channels.stream().flatMap(channel -> DISCORD.requests(messagesPath(channel)).stream()).toList();
        Set<String> nonces = requests.stream().map(request -> request.json().get("nonce").asText()).collect(Collectors.toSet());
        assertThat(requests.size()).as("nonces sent again after the restart").isGreaterThan(nonces.size());
        List<Map<String, Object>> logs = allLogs();
        assertThat(logs).hasSize(EVENTS).allSatisfy(row -> assertThat(row.get("status")).isEqualTo("sent"));
        Map<Object, Long> byInstance = logs.stream().collect(Collectors.groupingBy(row -> row.get("claimedBy"), Collectors.counting()));
        assertThat(byInstance).containsOnlyKeys(firstId, secondId);
        assertThat(byInstance.get(secondId)).as("taken over after the restart").isPositive();
    }

    private static String instanceId() {
        return admin().get("/api/v1/admin/database").then().statusCode(200).extract().path("instanceId");
    }

    private PackagedInstance start(String name) throws IOException {
        PackagedInstance instance = startWithStandInDiscord(name, Map.of("REMINDER_LEASE", "4s",
                "DATABASE_PATH", DATABASE.toString()));
        started.add(instance);
        RestAssured.port = instance.port();
        return instance;
    }
}
