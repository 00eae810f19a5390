package dev.reminderstore.reminder;

import static dev.reminderstore.Api.anonymous;
import static dev.reminderstore.Api.api;
import static dev.reminderstore.Api.newId;
import static dev.reminderstore.reminder.FakeDiscord.messagesPath;
import static dev.reminderstore.reminder.ReminderTesting.guildWithMembers;
import static dev.reminderstore.reminder.ReminderTesting.metrics;
import static dev.reminderstore.reminder.ReminderTesting.overdue;
import static dev.reminderstore.reminder.ReminderTesting.watch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.reminderstore.reminder.FakeDiscord.Answer;
import dev.reminderstore.reminder.FakeDiscord.Request;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Discord's rules, against the stand-in: the 401 breaker, the invalid-request count, per-route buckets, deletions. */
@QuarkusTest
@TestProfile(DiscordProfile.class)
class DiscordRulesTest {

    private static final FakeDiscord DISCORD = FakeDiscord.INSTANCE;
    private static final String UNAUTHORIZED = "Discord answered 401 Unauthorized: the bot token was refused (revoked or wrong?)";
    private static final String PROBE = FakeDiscord.API + "/users/@me";

    @Inject
    ReminderDispatcher dispatcher;

    @Inject
    ReminderCleanup cleanup;

    private String guildId;

    @BeforeEach
    void pauseJob() {
        ReminderTesting.pauseJob();
        guildId = newId();
        guildWithMembers(guildId, Map.of("autoDeleteDelayHours", 0), 1);
    }

    @Test
    void aRefusedTokenStopsAllDeliveryUntilAProbePasses() {
        Map<String, Double> before = metrics();
        int probesBefore = DISCORD.requests(PROBE).size();
        Answer refusal = Answer.of(401, "{\"message\":\"401: Unauthorized\",\"code\":0}");
        // The token stays refused, for the probes too, until the test lets it pass.
        DISCORD.script(PROBE, Collections.nCopies(50, refusal).toArray(Answer[]::new));
        String refused = newId();
        String refusedChannel = newId();
        watch(refused, refusedChannel, guildId, "Refused", Instant.now());
        DISCORD.script(messagesPath(refusedChannel), refusal);

        api().post("/api/v1/events/" + refused + "/remind").then().statusCode(200)
                .body("status", equalTo("failed"))
                .body("errorMessage", equalTo("Discord answered 401: 401: Unauthorized"));

        // Stopped: /q/health says why, readiness stays UP, /remind is refused, the job claims nothing.
        anonymous().get("/q/health").then().statusCode(503)
                .body("checks.find { it.name == 'discord' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'discord' }.data.stopped", equalTo(UNAUTHORIZED));
        anonymous().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        String waiting = newId();
        String waitingChannel = newId();
        watch(waiting, waitingChannel, guildId, "Waiting", overdue());
        api().post("/api/v1/events/" + waiting + "/remind").then().statusCode(503)
                .body("detail", equalTo(UNAUTHORIZED + "; no reminder was sent"));
        assertThat(dispatcher.dispatchDue()).isZero();
        assertThat(metrics().get("discord_stopped")).isEqualTo(1);

        // Probes come (200 ms, doubling, at most 1 s apart here) and are refused: still nothing is posted.
        await().atMost(Duration.ofSeconds(10)).until(() -> dispatcher.dispatchDue() == 0
                && DISCORD.requests(PROBE).size() >= probesBefore + 2);
        assertThat(DISCORD.requests(messagesPath(waitingChannel))).isEmpty();

        // The token works again: the next probe passes, and the waiting event is sent.
        DISCORD.unscript(PROBE);
        int refusedProbes = DISCORD.requests(PROBE).size() - probesBefore;
        DISCORD.script(PROBE, Answer.of(200, "{\"id\":\"1\",\"username\":\"bot\"}"));
        await().atMost(Duration.ofSeconds(10)).until(() -> dispatcher.dispatchDue() > 0);
        assertThat(DISCORD.requests(messagesPath(waitingChannel))).hasSize(1);
        anonymous().get("/q/health").then().body("checks.find { it.name == 'discord' }.status", equalTo("UP"));
        Map<String, Double> after = metrics();
        assertThat(after.get("discord_stopped")).isZero();
        assertThat(after.get("discord_invalid_requests_total") - before.get("discord_invalid_requests_total"))
                .as("the refused post and each refused probe").isEqualTo(1 + refusedProbes);
    }

    @Test
    void bucketsFollowDiscordsHeadersNotAFixedRate() {
        String channelId = newId();
        List<String> events = new ArrayList<>();
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String messageId = newId();
            events.add(messageId);
            watch(messageId, channelId, guildId, "Bucket " + i, Instant.now());
        }
        // Discord says: a bucket of 7, then empty for 1.5 s.
        for (int remaining = 6; remaining >= 0; remaining--) {
            answers.add(new Answer(200, "{\"id\":\"" + newId() + "\"}", Map.of("X-RateLimit-Bucket", "abcd1234",
                    "X-RateLimit-Limit", "7", "X-RateLimit-Remaining", Integer.toString(remaining),
                    "X-RateLimit-Reset-After", remaining == 0 ? "1.5" : "5")));
        }
        DISCORD.script(messagesPath(channelId), answers.toArray(Answer[]::new));

        events.forEach(messageId -> api().post("/api/v1/events/" + messageId + "/remind").then().statusCode(200)
                .body("status", equalTo("sent")));

        List<Request> posts = DISCORD.requests(messagesPath(channelId));
        assertThat(posts).hasSize(8);
        assertThat(posts.get(6).receivedAtMillis() - posts.get(0).receivedAtMillis()).as("7 in a bucket of 7, not 5 per 5 s")
                .isLessThan(3_000);
        assertThat(posts.get(7).receivedAtMillis() - posts.get(6).receivedAtMillis()).as("the 8th waits for the reset")
                .isGreaterThanOrEqualTo(1_400);
    }

    @Test
    void a429OfASharedResourceIsWaitedOutButNotCountedAsOurs() {
        Map<String, Double> before = metrics();
        String sharedChannel = newId();
        String shared = rateLimitedOnce(sharedChannel, "shared");
        String ours = rateLimitedOnce(newId(), "user");

        api().post("/api/v1/events/" + shared + "/remind").then().statusCode(200).body("status", equalTo("sent"));
        assertThat(metrics().get("discord_invalid_requests_total") - before.get("discord_invalid_requests_total")).isZero();
        api().post("/api/v1/events/" + ours + "/remind").then().statusCode(200).body("status", equalTo("sent"));
        assertThat(metrics().get("discord_invalid_requests_total") - before.get("discord_invalid_requests_total")).isEqualTo(1);
        List<Request> posts = DISCORD.requests(messagesPath(sharedChannel));
        assertThat(posts).hasSize(2);
        assertThat(posts.get(1).receivedAtMillis() - posts.get(0).receivedAtMillis()).isGreaterThanOrEqualTo(280);
    }

    /** An event in {@code channelId} whose first post gets a 429 of the given X-RateLimit-Scope, 0.3 s. */
    private String rateLimitedOnce(String channelId, String scope) {
        String messageId = newId();
        watch(messageId, channelId, guildId, "Limited " + scope, Instant.now());
        DISCORD.script(messagesPath(channelId), new Answer(429,
                "{\"message\":\"You are being rate limited.\",\"retry_after\":0.3,\"global\":false}",
                Map.of("X-RateLimit-Scope", scope)));
        return messageId;
    }

    @Test
    void aRateLimitedDeletionHoldsBackDeletionsOnly() throws Exception {
        String posted = newId();
        String channelId = newId();
        watch(posted, channelId, guildId, "Short-lived", Instant.now());
        api().post("/api/v1/events/" + posted + "/remind").then().statusCode(200).body("status", equalTo("sent"));
        String deletePath = messagesPath(channelId) + "/" + DISCORD.messageIdFor(
                DISCORD.requests(messagesPath(channelId)).get(0).json().get("nonce").asText());
        DISCORD.script(deletePath, Answer.of(429, "{\"message\":\"You are being rate limited.\",\"retry_after\":3,\"global\":false}"),
                Answer.of(204, ""));

        String other = newId();
        watch(other, newId(), guildId, "Meanwhile", Instant.now());
        // While the deletion waits out its 429, another reminder is posted: it must not wait too.
        CompletableFuture<Duration> meanwhile = CompletableFuture.supplyAsync(() -> {
            await().atMost(Duration.ofSeconds(10)).until(() -> !DISCORD.requests(deletePath).isEmpty());
            long started = System.nanoTime();
            api().post("/api/v1/events/" + other + "/remind").then().statusCode(200).body("status", equalTo("sent"));
            return Duration.ofNanos(System.nanoTime() - started);
        });

        assertThat(cleanup.deleteDue()).isPositive();

        assertThat(meanwhile.get(15, TimeUnit.SECONDS)).as("a message is not held back by a deletion's 429")
                .isLessThan(Duration.ofSeconds(2));
        List<Request> deletes = DISCORD.requests(deletePath);
        assertThat(deletes).hasSize(2);
        assertThat(deletes.get(1).receivedAtMillis() - deletes.get(0).receivedAtMillis()).isGreaterThanOrEqualTo(2_900);
    }
}
