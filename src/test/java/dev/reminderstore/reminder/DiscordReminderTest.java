package dev.reminderstore.reminder;

import static dev.reminderstore.Api.api;
import static dev.reminderstore.Api.newId;
import static dev.reminderstore.reminder.FakeDiscord.messagesPath;
import static dev.reminderstore.reminder.ReminderTesting.guildWithMembers;
import static dev.reminderstore.reminder.ReminderTesting.overdue;
import static dev.reminderstore.reminder.ReminderTesting.react;
import static dev.reminderstore.reminder.ReminderTesting.watch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reminderstore.config.StoreConfig;
import dev.reminderstore.reminder.FakeDiscord.Answer;
import dev.reminderstore.reminder.FakeDiscord.Request;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reminders delivered to a stand-in Discord on loopback, driven by hand (the job is paused here). */
@QuarkusTest
@TestProfile(DiscordProfile.class)
class DiscordReminderTest {

    private static final FakeDiscord DISCORD = FakeDiscord.INSTANCE;

    @Inject
    ReminderDispatcher dispatcher;

    @Inject
    ReminderLedger ledger;

    @Inject
    ReminderCleanup cleanup;

    @Inject
    StoreConfig config;

    @Inject
    ObjectMapper json;

    private String guildId;
    private String channelId;
    private String messageId;

    @BeforeEach
    void pauseJobAndName() {
        ReminderTesting.pauseJob();
        guildId = newId();
        channelId = newId();
        messageId = newId();
    }

    @Test
    void remindPostsOneWellFormedMessage() {
        List<String> users = guildWithMembers(guildId, Map.of(), 3);
        watch(messageId, channelId, guildId, "Raid night", Instant.now());
        react(messageId, users.get(0), "✅");
        react(messageId, users.get(1), "👍");

        int logId = api().post("/api/v1/events/" + messageId + "/remind")
                .then().statusCode(200)
                .body("messageId", equalTo(messageId))
                .body("status", equalTo("sent"))
                .body("usersNotified", equalTo(2))
                .body("sentAt", notNullValue())
                .body("errorMessage", nullValue())
                .extract().path("id");

        List<Request> posts = DISCORD.requests(messagesPath(channelId));
        assertThat(posts).hasSize(1);
        Request post = posts.get(0);
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.header("Authorization")).isEqualTo("Bot " + DiscordProfile.TOKEN);
        assertThat(post.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = post.json();
        assertThat(body.get("content").asText()).isEqualTo("⏰ **Reminder: Raid night**\n"
                + "<@" + users.get(1) + "> <@" + users.get(2) + ">\n"
                + "✅ 1 responded · ⏳ 2 missing · 👥 3 total\n"
                + "https://discord.com/channels/" + guildId + "/" + channelId + "/" + messageId);
        assertThat(body.at("/allowed_mentions/parse").isEmpty()).isTrue();
        assertThat(texts(body.at("/allowed_mentions/users"))).containsExactly(users.get(1), users.get(2));
        assertThat(body.get("nonce").asText()).isEqualTo("rs" + logId).hasSizeLessThanOrEqualTo(25);
        assertThat(body.get("enforce_nonce").asBoolean()).isTrue();
    }

    @Test
    void remindAdvancesTheEventByOneInterval() {
        guildWithMembers(guildId, Map.of(), 1);
        watch(messageId, channelId, guildId, "Advance", Instant.parse("2026-01-01T00:00:00Z"));
        Instant before = Instant.now().minusMillis(5);
        api().post("/api/v1/events/" + messageId + "/remind").then().statusCode(200);
        String lastReminder = api().get("/api/v1/events/" + messageId).then().statusCode(200).extract().path("lastReminder");
        String next = api().get("/api/v1/events/" + messageId).then().extract().path("nextReminderAt");
        assertThat(Instant.parse(lastReminder)).isAfter(before);
        assertThat(Instant.parse(next)).isEqualTo(Instant.parse(lastReminder).plus(Duration.ofMinutes((long) ReminderTesting.INTERVAL)));
    }

    @Test
    void mentionsAtMostFiftyUsersAndCountsTheRest() {
        List<String> users = guildWithMembers(guildId, Map.of(), 60);
        watch(messageId, channelId, guildId, "Big guild", Instant.now());

        api().post("/api/v1/events/" + messageId + "/remind").then().statusCode(200).body("usersNotified", equalTo(60));

        JsonNode body = DISCORD.requests(messagesPath(channelId)).get(0).json();
        String content = body.get("content").asText();
        assertThat(content.split("<@", -1)).hasSize(51);
        assertThat(content).contains("<@" + users.get(49) + "> and 10 more\n").doesNotContain(users.get(50));
        assertThat(content).contains("✅ 0 responded · ⏳ 60 missing · 👥 60 total");
        assertThat(texts(body.at("/allowed_mentions/users"))).hasSize(50).containsExactlyElementsOf(users.subList(0, 50));
    }

    @Test
    void rateLimitedRequestWaitsRetryAfterThenSucceeds() {
        guildWithMembers(guildId, Map.of(), 1);
        watch(messageId, channelId, guildId, "Busy", Instant.now());
        DISCORD.script(messagesPath(channelId), new Answer(429,
                "{\"message\":\"You are being rate limited.\",\"retry_after\":0.4,\"global\":false}",
                Map.of("X-RateLimit-Remaining", "0", "X-RateLimit-Reset-After", "0.4")));

        api().post("/api/v1/events/" + messageId + "/remind").then().statusCode(200).body("status", equalTo("sent"));

        List<Request> posts = DISCORD.requests(messagesPath(channelId));
        assertThat(posts).hasSize(2);
        assertThat(posts.get(1).receivedAtMillis() - posts.get(0).receivedAtMillis()).isGreaterThanOrEqualTo(380);
        assertThat(posts.get(1).json().get("nonce")).isEqualTo(posts.get(0).json().get("nonce"));
    }

    @Test
    void serverErrorsAreRetriedWithTheSameNonce() {
        guildWithMembers(guildId, Map.of(), 1);
        watch(messageId, channelId, guildId, "Flaky", Instant.now());
        DISCORD.script(messagesPath(channelId), Answer.of(502, "bad gateway"), Answer.of(503, "{\"message\":\"overloaded\"}"));

        api().post("/api/v1/events/" + messageId + "/remind").then().statusCode(200).body("status", equalTo("sent"));

        List<Request> posts = DISCORD.requests(messagesPath(channelId));
        assertThat(posts).hasSize(3);
        assertThat(posts.stream().map(p -> p.json().get("nonce").asText()).distinct()).hasSize(1);
    }

    @Test
    void serverErrorsBeyondTheRetriesFailTheReminderButKeepTheEvent() {
        guildWithMembers(guildId, Map.of(), 1);
        watch(messageId, channelId, guildId, "Down", Instant.now());
        Answer error = Answer.of(500, "{\"message\":\"Internal Server Error\"}");
        DISCORD.script(messagesPath(channelId), error, error, error, error);

        api().post("/api/v1/events/" + messageId + "/remind").then().statusCode(200)
                .body("status", equalTo("failed"))
                .body("sentAt", nullValue())
                .body("usersNotified", equalTo(0))
                .body("errorMessage", equalTo("Discord answered 500: Internal Server Error"));

        assertThat(DISCORD.requests(messagesPath(channelId))).hasSize(1 + config.reminders().discord().maxRetries());
        api().get("/api/v1/events/" + messageId).then().body("isPaused", equalTo(false));
    }

    @ParameterizedTest
    @CsvSource({"404, Unknown Channel", "403, Missing Access"})
    void goneOrForbiddenChannelFailsTheReminderAndPausesTheEvent(int status, String discordMessage) {
        guildWithMembers(guildId, Map.of(), 1);
        watch(messageId, channelId, guildId, "Gone", Instant.now());
        DISCORD.script(messagesPath(channelId), Answer.of(status, "{\"message\":\"" + discordMessage + "\",\"code\":10003}"));

        api().post("/api/v1/events/" + messageId + "/remind").then().statusCode(200)
                .body("status", equalTo("failed"))
                .body("errorMessage", equalTo("Discord answered " + status + ": " + discordMessage));

        assertThat(DISCORD.requests(messagesPath(channelId))).hasSize(1);
        api().get("/api/v1/events/" + messageId).then().statusCode(200)
                .body("isPaused", equalTo(true))
                .body("nextReminderAt", nullValue());
    }

    @Test
    void guildReminderChannelReceivesTheReminders() {
        String reminderChannel = newId();
        guildWithMembers(guildId, Map.of("reminderChannelId", reminderChannel), 1);
        watch(messageId, channelId, guildId, "Elsewhere", Instant.now());

        api().post("/api/v1/events/" + messageId + "/remind").then().statusCode(200).body("status", equalTo("sent"));

        assertThat(DISCORD.requests(messagesPath(channelId))).isEmpty();
        List<Request> posts = DISCORD.requests(messagesPath(reminderChannel));
        assertThat(posts).hasSize(1);
        assertThat(posts.get(0).json().get("content").asText())
                .endsWith("https://discord.com/channels/" + guildId + "/" + channelId + "/" + messageId);
    }

    @Test
    void remindUnknownEventIs404() {
        api().post("/api/v1/events/" + messageId + "/remind").then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", equalTo("event " + messageId + " not found"));
    }

    @Test
    void remindBadIdIs400() {
        api().post("/api/v1/events/12ab/remind").then().statusCode(400)
                .body("detail", equalTo("messageId: must be a Discord id: a whole number from 1 to 9223372036854775807"));
    }

    @Test
    void remindWithNobodyMissingIs409AndWritesNothing() {
        List<String> users = guildWithMembers(guildId, Map.of(), 2);
        watch(messageId, channelId, guildId, "All in", Instant.now());
        react(messageId, users.get(0), "✅");
        react(messageId, users.get(1), "❌");

        api().post("/api/v1/events/" + messageId + "/remind").then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", equalTo("nobody is missing on event " + messageId + ": every member answered, so no reminder was sent"));

        api().get("/api/v1/events/" + messageId + "/reminder-logs").then().statusCode(200).body("items.size()", equalTo(0));
        assertThat(DISCORD.requests(messagesPath(channelId))).isEmpty();
    }

    @Test
    void dueEventIsSentOnceAndRescheduled() {
        guildWithMembers(guildId, Map.of(), 2);
        watch(messageId, channelId, guildId, "Due", overdue());

        dispatcher.dispatchDue();
        dispatcher.dispatchDue();

        assertThat(DISCORD.requests(messagesPath(channelId))).hasSize(1);
        api().get("/api/v1/events/" + messageId + "/reminder-logs").then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].status", equalTo("sent"))
                .body("items[0].usersNotified", equalTo(2));
    }

    @Test
    void crashBetweenClaimAndSendLeavesAFailedRowAndNoPing() {
        guildWithMembers(guildId, Map.of(), 1);
        watch(messageId, channelId, guildId, "Crash", overdue());

        // The claim commits, then the process "dies" before delivering: the row stays pending.
        ReminderLedger.Claims claims = ledger.claimDue(Instant.now(), 500);
        assertThat(claims.reminders()).extracting(Reminder::messageId).contains(Long.parseLong(messageId));
        api().get("/api/v1/events/" + messageId + "/reminder-logs").then().body("items[0].status", equalTo("pending"));

        // What the next start does, then the job's next runs.
        assertThat(ledger.failInterrupted()).isPositive();
        dispatcher.dispatchDue();
        dispatcher.dispatchDue();

        assertThat(DISCORD.requests(messagesPath(channelId))).isEmpty();
        api().get("/api/v1/events/" + messageId + "/reminder-logs").then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].status", equalTo("failed"))
                .body("items[0].errorMessage", equalTo("interrupted"));
    }

    @Test
    void overlappingRunsClaimAnEventOnce() throws Exception {
        guildWithMembers(guildId, Map.of(), 1);
        watch(messageId, channelId, guildId, "Overlap", overdue());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService runs = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> claimed = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                claimed.add(runs.submit(() -> {
                    start.await();
                    return dispatcher.dispatchDue();
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> run : claimed) {
                total += run.get();
            }
            assertThat(total).isEqualTo(1);
        } finally {
            runs.shutdownNow();
        }
        assertThat(DISCORD.requests(messagesPath(channelId))).hasSize(1);
        api().get("/api/v1/events/" + messageId + "/reminder-logs").then().body("items.size()", equalTo(1));
    }

    @Test
    void postedReminderIsDeletedWhenItsTimeComes() {
        guildWithMembers(guildId, Map.of("autoDeleteDelayHours", 0), 1);
        watch(messageId, channelId, guildId, "Short-lived", Instant.now());
        api().post("/api/v1/events/" + messageId + "/remind").then().statusCode(200);

        cleanup.deleteDue();
        cleanup.deleteDue();

        List<Request> deletes = DISCORD.requests(FakeDiscord.API + "/channels/" + channelId + "/messages/"
                + postedMessageId(channelId));
        assertThat(deletes).hasSize(1);
        assertThat(deletes.get(0).method()).isEqualTo("DELETE");
        assertThat(deletes.get(0).header("Authorization")).isEqualTo("Bot " + DiscordProfile.TOKEN);
    }

    @Test
    void guildCanTurnAutoDeleteOff() {
        guildWithMembers(guildId, Map.of("autoDeleteReminders", false, "autoDeleteDelayHours", 0), 1);
        watch(messageId, channelId, guildId, "Keep me", Instant.now());
        api().post("/api/v1/events/" + messageId + "/remind").then().statusCode(200);

        cleanup.deleteDue();

        assertThat(DISCORD.requests(FakeDiscord.API + "/channels/" + channelId + "/messages/" + postedMessageId(channelId))).isEmpty();
    }

    @Test
    void webhookDeliveryPostsSignedJson() throws Exception {
        String secret = "webhook-secret";
        WebhookDelivery webhook = new WebhookDelivery(URI.create(DISCORD.baseUrl() + "/webhook/" + channelId), secret,
                config.reminders().discord(), json);
        Reminder reminder = new Reminder(7, 1, 111, 222, 333, 444, "Hooked", List.of(5L, 6L), 2, 3,
                Instant.parse("2026-11-25T16:00:00Z"), null);
        DISCORD.script("/webhook/" + channelId, Answer.of(204, ""));

        assertThat(webhook.deliver(reminder)).isEqualTo(DeliveryResult.sent());

        Request hook = DISCORD.requests("/webhook/" + channelId).get(0);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(hook.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(hook.header("X-Signature-256")).isEqualTo(expected);
        JsonNode body = hook.json();
        assertThat(body.at("/event/messageId").asText()).isEqualTo("111");
        assertThat(body.at("/event/title").asText()).isEqualTo("Hooked");
        assertThat(texts(body.get("missingUserIds"))).containsExactly("5", "6");
        assertThat(body.at("/counts/responded").asInt()).isEqualTo(1);
        assertThat(body.at("/counts/missing").asInt()).isEqualTo(2);
        assertThat(body.at("/counts/total").asInt()).isEqualTo(3);
        assertThat(body.get("link").asText()).isEqualTo("https://discord.com/channels/444/222/111");
    }

    @Test
    void webhookErrorAnswerFailsTheReminder() {
        WebhookDelivery webhook = new WebhookDelivery(URI.create(DISCORD.baseUrl() + "/webhook/" + channelId), "k",
                config.reminders().discord(), json);
        DISCORD.script("/webhook/" + channelId, Answer.of(401, "bad signature"));
        Reminder reminder = new Reminder(8, 1, 111, 222, 222, 444, "Refused", List.of(5L), 1, 1, Instant.now(), null);

        assertThat(webhook.deliver(reminder)).isEqualTo(DeliveryResult.failed("webhook answered 401: bad signature"));
    }

    @Test
    void metricsAreExported() {
        guildWithMembers(guildId, Map.of(), 1);
        watch(messageId, channelId, guildId, "Measured", Instant.now());
        api().post("/api/v1/events/" + messageId + "/remind").then().statusCode(200);

        api().accept("text/plain").get("/q/metrics").then().statusCode(200)
                .body(containsString("reminders_sent_total"))
                .body(containsString("reminders_failed_total"))
                .body(containsString("reminders_skipped_total"))
                .body(containsString("reminders_users_notified_total"))
                .body(containsString("reminders_delivery_seconds_count"))
                .body(containsString("reminders_scheduler_lag_seconds"));
    }

    /** The id the stand-in gave the message it posted in the channel. */
    private static String postedMessageId(String channelId) {
        String nonce = DISCORD.requests(messagesPath(channelId)).get(0).json().get("nonce").asText();
        return Long.toString(DISCORD.messageIdFor(nonce));
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
