package dev.reminderstore.reminder;

import static dev.reminderstore.Api.newId;
import static dev.reminderstore.reminder.FakeDiscord.messagesPath;
import static dev.reminderstore.reminder.ReminderTesting.guildWithMembers;
import static dev.reminderstore.reminder.ReminderTesting.watch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reminderstore.Databases.PostgresqlOnly;
import io.restassured.RestAssured;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
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
    private static final Duration STARTUP = Duration.ofMinutes(4);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final FakeDiscord DISCORD = FakeDiscord.INSTANCE;

    private static final List<Process> INSTANCES = new ArrayList<>();
    private static final List<Integer> PORTS = new ArrayList<>();

    @BeforeAll
    static void startTwoInstances() throws Exception {
        start("a", Map.of("QUARKUS_FLYWAY_CLEAN_DISABLED", "false", "QUARKUS_FLYWAY_CLEAN_AT_START", "true"));
        start("b", Map.of());
        RestAssured.port = PORTS.get(0);
    }

    @AfterAll
    static void stopInstances() throws InterruptedException {
        for (Process instance : INSTANCES) {
            instance.destroy();
        }
        for (Process instance : INSTANCES) {
            if (!instance.waitFor(30, TimeUnit.SECONDS)) {
                instance.destroyForcibly();
            }
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
        for (int port : PORTS) {
            sentByInstance.add(sentReminders(port));
        }
        System.out.println("Reminders sent per instance: " + sentByInstance);
        assertThat(sentByInstance.stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(EVENTS);
    }

    /** The instance's reminders_sent_total counter at /q/metrics. */
    private static double sentReminders(int port) throws Exception {
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(line -> line.startsWith("reminders_sent_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** Starts the packaged service and waits until it is ready. */
    private static void start(String name, Map<String, String> extra) throws IOException {
        int port = freePort();
        Path target = Path.of("target");
        Path jar = target.resolve("quarkus-app/quarkus-run.jar");
        assertThat(jar).exists();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString());
        // The database settings and keys come from the failsafe environment, which the instances inherit.
        Map<String, String> env = builder.environment();
        env.put("PORT", Integer.toString(port));
        env.put("REMINDER_DELIVERY", "discord");
        env.put("DISCORD_TOKEN", DiscordProfile.TOKEN);
        env.put("DISCORD_API_BASE_URL", DISCORD.baseUrl() + FakeDiscord.API);
        env.put("REMINDER_POLL_INTERVAL", DiscordProfile.POLL_INTERVAL);
        env.put("AUTO_DELETE_REMINDERS", "false");
        env.put("AUTO_MIGRATE", "false");
        env.put("LEGACY_TIMEZONE", "UTC");
        env.put("DATABASE_PATH", target.resolve("it-data/instance-" + name + "/unused.db").toAbsolutePath().toString());
        env.putAll(extra);
        Path log = target.resolve("two-instances-" + name + ".log");
        Files.createDirectories(target);
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        INSTANCES.add(builder.start());
        PORTS.add(port);
        awaitReady(port);
    }

    private static void awaitReady(int port) {
        URI ready = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
        await().atMost(STARTUP).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .failFast("an instance stopped; see target/two-instances-*.log",
                        () -> INSTANCES.stream().anyMatch(instance -> !instance.isAlive()))
                .until(() -> HTTP.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
