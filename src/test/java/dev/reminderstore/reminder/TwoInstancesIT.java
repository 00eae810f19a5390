package dev.reminderstore.reminder;

import static dev.reminderstore.Api.admin;
import static dev.reminderstore.reminder.FakeDiscord.messagesPath;
import static dev.reminderstore.reminder.ReminderTesting.allLogs;
import static dev.reminderstore.reminder.ReminderTesting.dueTogether;
import static dev.reminderstore.reminder.ReminderTesting.postedIn;
import static dev.reminderstore.reminder.ReminderTesting.startWithStandInDiscord;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reminderstore.Databases.PostgresqlOnly;
import dev.reminderstore.PackagedInstance;
import io.restassured.RestAssured;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two instances of the packaged service on one PostgreSQL, both running the reminder job every second against a
 * stand-in Discord that honours {@code enforce_nonce} as Discord does. Claims of 50 make both instances take part in
 * one backlog. The database comes from the failsafe environment (QUARKUS_DATASOURCE_JDBC_URL..., see the postgresql
 * profile in pom.xml); the first instance wipes it at start. The second test kills the first instance.
 */
@PostgresqlOnly
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesIT {

    private static final int EVENTS = 500;
    /** Time to write the events before they fall due together. */
    private static final Duration LEAD = Duration.ofSeconds(30);
    private static final FakeDiscord DISCORD = FakeDiscord.INSTANCE;

    private static PackagedInstance first;
    private static PackagedInstance second;
    private static String firstId;
    private static String secondId;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        first = start("a", Map.of("QUARKUS_FLYWAY_CLEAN_DISABLED", "false", "QUARKUS_FLYWAY_CLEAN_AT_START", "true"));
        second = start("b", Map.of());
        firstId = instanceId(first);
        secondId = instanceId(second);
        assertThat(firstId).isNotEqualTo(secondId);
        RestAssured.port = second.port();
    }

    @AfterAll
    static void stopInstances() throws InterruptedException {
        DISCORD.delayAnswers(Duration.ZERO);
        first.close();
        second.close();
        RestAssured.reset();
    }

    @Test
    @Order(1)
    void bothInstancesClaimAtOnceAndEveryReminderIsSentOnce() throws Exception {
        double sentBefore = sentReminders(first) + sentReminders(second);
        List<String> channels = dueTogether(EVENTS, 3, "Shared", LEAD);
        DISCORD.delayAnswers(Duration.ofMillis(20));

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> channels.stream().allMatch(channel -> !DISCORD.requests(messagesPath(channel)).isEmpty()));
        // A few more ticks of both jobs: a second claim of any of these events would be sent by now.
        Thread.sleep(4_000);

        assertThat(channels).allSatisfy(channel -> {
            assertThat(DISCORD.requests(messagesPath(channel))).as(channel).hasSize(1);
            assertThat(DISCORD.postedMessages(messagesPath(channel))).as(channel).isEqualTo(1);
        });
        double sentByFirst = sentReminders(first);
        double sentBySecond = sentReminders(second);
        System.out.println("Reminders sent per instance: " + sentByFirst + ", " + sentBySecond);
        assertThat(sentByFirst).as("sent by the first instance").isPositive();
        assertThat(sentBySecond).as("sent by the second instance").isPositive();
        assertThat(sentByFirst + sentBySecond - sentBefore).isEqualTo(EVENTS);

        // Both claimed while the other was claiming too: their windows (first claim to last claim) overlap.
        Map<Object, List<Instant>> claimTimes = allLogs().stream().collect(Collectors.groupingBy(row -> row.get("claimedBy"),
                Collectors.mapping(row -> Instant.parse((String) row.get("createdAt")), Collectors.toList())));
        assertThat(claimTimes).containsOnlyKeys(firstId, secondId);
        Instant firstStarts = claimTimes.get(firstId).stream().min(Instant::compareTo).orElseThrow();
        Instant firstEnds = claimTimes.get(firstId).stream().max(Instant::compareTo).orElseThrow();
        Instant secondStarts = claimTimes.get(secondId).stream().min(Instant::compareTo).orElseThrow();
        Instant secondEnds = claimTimes.get(secondId).stream().max(Instant::compareTo).orElseThrow();
        System.out.println("Claim windows: " + firstStarts + ".." + firstEnds + ", " + secondStarts + ".." + secondEnds);
        assertThat(firstStarts).isBefore(secondEnds);
        assertThat(secondStarts).isBefore(firstEnds);
    }

    @Test
    @Order(2)
    void peerKilledMidBatchLosesNoReminderAndDoublesNone() throws Exception {
        List<String> channels = dueTogether(EVENTS, 3, "Killed", LEAD);
        // Slow answers: each instance has 8 requests out at any moment, and outcomes waiting to be recorded.
        DISCORD.delayAnswers(Duration.ofMillis(150));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> postedIn(channels) >= EVENTS / 5 && pendingOf(firstId).size() >= 8);
        first.kill();
        Set<Object> leftByTheDead = pendingOf(firstId);
        System.out.println("Pending rows of the killed instance: " + leftByTheDead.size() + ", posted " + postedIn(channels));

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> allLogs().stream().noneMatch(row -> "pending".equals(row.get("status"))));

        assertThat(channels).allSatisfy(channel -> assertThat(DISCORD.postedMessages(messagesPath(channel))).as(channel).isEqualTo(1));
        List<FakeDiscord.Request> requests = channels.stream().flatMap(channel -> DISCORD.requests(messagesPath(channel)).stream()).toList();
        long nonces = requests.stream().map(request -> request.json().get("nonce").asText()).distinct().count();
        assertThat(requests.size()).as("nonces that reached Discord before the kill and again from the peer").isGreaterThan((int) nonces);
        List<Map<String, Object>> logs = allLogs();
        assertThat(logs).allSatisfy(row -> assertThat(row.get("status")).as(row.toString()).isEqualTo("sent"));
        assertThat(logs).filteredOn(row -> leftByTheDead.contains(row.get("id")))
                .hasSize(leftByTheDead.size()).allSatisfy(row -> assertThat(row.get("claimedBy")).isEqualTo(secondId));
    }

    /** The ids of the pending rows claimed by {@code instance}. */
    private static Set<Object> pendingOf(String instance) {
        return allLogs().stream().filter(row -> "pending".equals(row.get("status")) && instance.equals(row.get("claimedBy")))
                .map(row -> row.get("id")).collect(Collectors.toSet());
    }

    /** The instance's reminders_sent_total counter at /q/metrics. */
    private static double sentReminders(PackagedInstance instance) throws Exception {
        return instance.get("/q/metrics").lines().filter(line -> line.startsWith("reminders_sent_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static String instanceId(PackagedInstance instance) {
        return admin().port(instance.port()).get("/api/v1/admin/database").then().statusCode(200).extract().path("instanceId");
    }

    /** Claims of 50, leases of 5 s; the database settings and keys come from failsafe. */
    private static PackagedInstance start(String name, Map<String, String> extra) throws IOException {
        Map<String, String> env = new HashMap<>(extra);
        env.put("REMINDER_CLAIM_BATCH_SIZE", "50");
        env.put("REMINDER_LEASE", "5s");
        env.put("DATABASE_PATH", Path.of("target/it-data/instance-" + name + "/unused.db").toAbsolutePath().toString());
        return startWithStandInDiscord("two-instances-" + name, env);
    }
}
