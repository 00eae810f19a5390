package dev.reminderstore.reminder;

import static dev.reminderstore.Api.newId;
import static dev.reminderstore.reminder.FakeDiscord.messagesPath;
import static dev.reminderstore.reminder.ReminderTesting.guildWithMembers;
import static dev.reminderstore.reminder.ReminderTesting.watch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reminderstore.Databases.PostgresqlOnly;
import dev.reminderstore.PackagedInstance;
import io.restassured.RestAssured;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the packaged service on one PostgreSQL, both running the reminder job every second against
 * a stand-in Discord: every due reminder arrives exactly once. The database comes from the failsafe environment
 * (QUARKUS_DATASOURCE_JDBC_URL..., see the postgresql profile in pom.xml); the first instance wipes it at start.
 */
@PostgresqlOnly
class TwoInstancesIT {

    private static final int EVENTS = 120;
    private static final FakeDiscord DISCORD = FakeDiscord.INSTANCE;

    private static final List<PackagedInstance> INSTANCES = new ArrayList<>();

    @BeforeAll
    static void startTwoInstances() throws Exception {
        start("a", Map.of("QUARKUS_FLYWAY_CLEAN_DISABLED", "false", "QUARKUS_FLYWAY_CLEAN_AT_START", "true"));
        start("b", Map.of());
        RestAssured.port = INSTANCES.get(0).port();
    }

    @AfterAll
    static void stopInstances() throws InterruptedException {
        for (PackagedInstance instance : INSTANCES) {
            instance.close();
        }
        RestAssured.reset();
    }

    @Test
    void everyDueReminderIsSentOnceByOneOfTheInstances() throws Exception {
        String guildId = newId();
        guildWithMembers(guildId, Map.of(), 3);
        // All the events fall due at one moment, when both instances claim from the same set of due rows.
        Instant dueAt = Instant.now().plusSeconds(15);
        List<String> channels = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            String channelId = newId();
            channels.add(channelId);
            watch(newId(), channelId, guildId, "Shared " + i, dueAt.minus(Duration.ofMinutes((long) ReminderTesting.INTERVAL)));
        }

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> channels.stream().allMatch(channel -> !DISCORD.requests(messagesPath(channel)).isEmpty()));
        // A few more ticks of both jobs: a second claim of any of these events would be sent by now.
        Thread.sleep(4_000);

        Map<String, Integer> postsPerChannel = new TreeMap<>();
        channels.forEach(channel -> postsPerChannel.put(channel, DISCORD.requests(messagesPath(channel)).size()));
        assertThat(postsPerChannel).hasSize(EVENTS).allSatisfy((channel, posts) -> assertThat(posts).as(channel).isEqualTo(1));
        List<Double> sentByInstance = new ArrayList<>();
        for (PackagedInstance instance : INSTANCES) {
            sentByInstance.add(sentReminders(instance));
        }
        System.out.println("Reminders sent per instance: " + sentByInstance);
        assertThat(sentByInstance.stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(EVENTS);
    }

    /** The instance's reminders_sent_total counter at /q/metrics. */
    private static double sentReminders(PackagedInstance instance) throws Exception {
        return instance.get("/q/metrics").lines().filter(line -> line.startsWith("reminders_sent_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** Starts the packaged service with the stand-in Discord; the database settings and keys come from failsafe. */
    private static void start(String name, Map<String, String> extra) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("REMINDER_DELIVERY", "discord");
        env.put("DISCORD_TOKEN", DiscordProfile.TOKEN);
        env.put("DISCORD_API_BASE_URL", DISCORD.baseUrl() + FakeDiscord.API);
        env.put("REMINDER_POLL_INTERVAL", DiscordProfile.POLL_INTERVAL);
        env.put("AUTO_DELETE_REMINDERS", "false");
        env.put("AUTO_MIGRATE", "false");
        env.put("LEGACY_TIMEZONE", "UTC");
        env.put("DATABASE_PATH", Path.of("target/it-data/instance-" + name + "/unused.db").toAbsolutePath().toString());
        env.putAll(extra);
        INSTANCES.add(PackagedInstance.start("two-instances-" + name, PackagedInstance.MAIN_APP, env));
    }
}
