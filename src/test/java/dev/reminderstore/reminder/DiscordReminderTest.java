package dev.reminderstore.reminder;

import static dev.reminderstore.Api.api;
import static dev.reminderstore.Api.newId;
import static dev.reminderstore.reminder.FakeDiscord.messagesPath;
import static dev.reminderstore.reminder.ReminderTesting.guildWithMembers;
import static dev.reminderstore.reminder.ReminderTesting.metrics;
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
import dev.reminderstore.FixedTime;
import dev.reminderstore.config.InstanceId;
import dev.reminderstore.config.StoreConfig;
import dev.reminderstore.config.TimeSource;
import dev.reminderstore.reminder.FakeDiscord.Answer;
import dev.reminderstore.reminder.FakeDiscord.Request;
import dev.reminderstore.reminder.delivery.DeliveryResult;
import dev.reminderstore.reminder.delivery.DiscordDelivery;
import dev.reminderstore.reminder.delivery.Reminder;
import dev.reminderstore.reminder.delivery.WebhookDelivery;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;
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

    @Inject
    DiscordDelivery discordDelivery;

    @Inject
    InstanceId instance;

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
        assertThat(body.get("nonce").asText()).startsWith("r" + Long.toString(Long.parseLong(messageId), 36) + ".")
                .hasSizeLessThanOrEqualTo(25);
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
    void expiredClaimIsDeliveredAgainWithItsNonceAndPostsOnce() {
        guildWithMembers(guildId, Map.of(), 1);
        watch(messageId, channelId, guildId, "Crash", overdue());

        // The claim commits and the delivery reaches Discord, then the process "dies" before recording it.
        Instant claimedAt = Instant.now();
        Reminder claimed = claimedReminder(claimedAt);
        assertThat(discordDelivery.deliver(claimed).isSent()).isTrue();
        api().get("/api/v1/events/" + messageId + "/reminder-logs").then()
                .body("items[0].status", equalTo("pending"))
                .body("items[0].claimedBy", equalTo(instance.value()));

        // While the lease runs, the row is its holder's: nobody takes it over.
        assertThat(ledger.takeOverExpired(claimedAt.plus(config.reminders().lease()).minusSeconds(1), 500).examined()).isZero();

        QuarkusMock.installMockForType(new FixedTime(claimedAt.plus(config.reminders().lease()).plusSeconds(1)), TimeSource.class);
        dispatcher.dispatchDue();

        List<Request> posts = DISCORD.requests(messagesPath(channelId));
        assertThat(posts).hasSize(2).extracting(post -> post.json().get("nonce").asText())
                .containsOnly(claimed.deliveryId());
        assertThat(DISCORD.postedMessages(messagesPath(channelId))).isEqualTo(1);
        api().get("/api/v1/events/" + messageId + "/reminder-logs").then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].status", equalTo("sent"))
                .body("items[0].usersNotified", equalTo(1));
    }

    @Test
    void claimExpiredLongerThanTheRedeliveryWindowIsRecordedInterruptedAndNotSent() {
        guildWithMembers(guildId, Map.of(), 1);
        watch(messageId, channelId, guildId, "Old crash", overdue());
        Instant claimedAt = Instant.now();
        claimedReminder(claimedAt);

        QuarkusMock.installMockForType(new FixedTime(claimedAt.plus(config.reminders().redeliveryWindow()).plusSeconds(1)),
                TimeSource.class);
        dispatcher.dispatchDue();

        assertThat(DISCORD.requests(messagesPath(channelId))).isEmpty();
        api().get("/api/v1/events/" + messageId + "/reminder-logs").then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].status", equalTo("failed"))
                .body("items[0].errorMessage", equalTo("interrupted"));
    }

    /** Claims the due events at {@code now} and answers this test's reminder, left pending (as a crash leaves it). */
    private Reminder claimedReminder(Instant now) {
        ReminderLedger.Claims claims = ledger.claimDue(now, 500);
        return claims.reminders().stream().filter(reminder -> reminder.messageId() == Long.parseLong(messageId))
                .findFirst().orElseThrow();
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
    void webhookDeliveryPostsJsonThatTheReceiverVerifies() throws Exception {
        String secret = "webhook-secret";
        WebhookDelivery webhook = new WebhookDelivery(URI.create(DISCORD.baseUrl() + "/webhook/" + channelId), secret,
                config.reminders().discord(), json);
        Reminder reminder = new Reminder(7, 1, 111, 222, 333, 444, "Hooked", List.of(5L, 6L), 2, 3,
                Instant.parse("2026-11-25T16:00:00Z"), null);
        DISCORD.script("/webhook/" + channelId, Answer.of(204, ""));

        assertThat(webhook.deliver(reminder)).isEqualTo(DeliveryResult.sent());

        Request hook = DISCORD.requests("/webhook/" + channelId).get(0);
        WebhookReceiver receiver = new WebhookReceiver(secret);
        assertThat(hook.header("X-Reminder-Delivery")).isEqualTo(reminder.deliveryId());
        assertThat(receiver.receive(hook.headers(), hook.body(), Instant.now())).isEqualTo("accepted");
        JsonNode body = hook.json();
        assertThat(body.get("reminderLogId").asLong()).isEqualTo(7);
        assertThat(body.at("/event/messageId").asText()).isEqualTo("111");
        assertThat(body.at("/event/title").asText()).isEqualTo("Hooked");
        assertThat(texts(body.get("missingUserIds"))).containsExactly("5", "6");
        assertThat(body.at("/counts/responded").asInt()).isEqualTo(1);
        assertThat(body.at("/counts/missing").asInt()).isEqualTo(2);
        assertThat(body.at("/counts/total").asInt()).isEqualTo(3);
        assertThat(body.get("link").asText()).isEqualTo("https://discord.com/channels/444/222/111");
    }

    @Test
    void webhookReceiverRefusesReplaysAndForgeries() throws Exception {
        String secret = "webhook-secret";
        WebhookDelivery webhook = new WebhookDelivery(URI.create(DISCORD.baseUrl() + "/webhook/" + channelId), secret,
                config.reminders().discord(), json);
        DISCORD.script("/webhook/" + channelId, Answer.of(204, ""));
        Reminder replayed = new Reminder(8, 1, 111, 222, 333, 444, "Replayed", List.of(5L), 1, 1, Instant.now(), null);
        webhook.deliver(replayed);
        Request hook = DISCORD.requests("/webhook/" + channelId).get(0);
        long sentAt = Long.parseLong(hook.header("X-Reminder-Timestamp"));
        Instant received = Instant.ofEpochSecond(sentAt);

        // Replayed later than the window: refused although the signature is right.
        assertThat(new WebhookReceiver(secret).receive(hook.headers(), hook.body(),
                received.plus(WebhookReceiver.REPLAY_WINDOW).plusSeconds(1))).isEqualTo("timestamp outside the replay window");
        // A fresh timestamp on the old signature, or a changed body: the signature covers both.
        Map<String, String> restamped = new HashMap<>(hook.headers());
        restamped.put("x-reminder-timestamp", Long.toString(sentAt + 60));
        assertThat(new WebhookReceiver(secret).receive(restamped, hook.body(), received)).isEqualTo("bad signature");
        assertThat(new WebhookReceiver(secret).receive(hook.headers(), hook.body().replace("Replayed", "Forged"), received))
                .isEqualTo("bad signature");
        assertThat(new WebhookReceiver("another-secret").receive(hook.headers(), hook.body(), received))
                .isEqualTo("bad signature");
        // Replayed within the window: the delivery id was handled already.
        WebhookReceiver receiver = new WebhookReceiver(secret);
        assertThat(receiver.receive(hook.headers(), hook.body(), received)).isEqualTo("accepted");
        assertThat(receiver.receive(hook.headers(), hook.body(), received.plusSeconds(30))).isEqualTo("already handled: " + replayed.deliveryId());
    }

    @Test
    void webhookRetryCarriesTheSameDeliveryIdSignedAfresh() throws Exception {
        String secret = "webhook-secret";
        WebhookDelivery webhook = new WebhookDelivery(URI.create(DISCORD.baseUrl() + "/webhook/" + channelId), secret,
                config.reminders().discord(), json);
        // The first attempt reached the bot but its answer was lost (a 502 from a proxy in front of it).
        DISCORD.script("/webhook/" + channelId, Answer.of(502, "bad gateway"), Answer.of(204, ""));

        Reminder retried = new Reminder(9, 1, 111, 222, 333, 444, "Retried", List.of(5L), 1, 1, Instant.now(), null);
        assertThat(webhook.deliver(retried))
                .isEqualTo(DeliveryResult.sent());

        List<Request> attempts = DISCORD.requests("/webhook/" + channelId);
        assertThat(attempts).hasSize(2).extracting(attempt -> attempt.header("X-Reminder-Delivery")).containsOnly(retried.deliveryId());
        WebhookReceiver receiver = new WebhookReceiver(secret);
        assertThat(receiver.receive(attempts.get(0).headers(), attempts.get(0).body(), Instant.now())).isEqualTo("accepted");
        assertThat(receiver.receive(attempts.get(1).headers(), attempts.get(1).body(), Instant.now()))
                .isEqualTo("already handled: " + retried.deliveryId());
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
    void metricsCountWhatWasSentAndFailed() {
        Map<String, Double> before = metrics();
        guildWithMembers(guildId, Map.of(), 2);
        watch(messageId, channelId, guildId, "Measured", Instant.now());
        String goneChannel = newId();
        String goneMessage = newId();
        watch(goneMessage, goneChannel, guildId, "Gone", Instant.now());
        DISCORD.script(messagesPath(goneChannel), Answer.of(404, "{\"message\":\"Unknown Channel\",\"code\":10003}"));

        api().post("/api/v1/events/" + messageId + "/remind").then().statusCode(200).body("status", equalTo("sent"));
        api().post("/api/v1/events/" + goneMessage + "/remind").then().statusCode(200).body("status", equalTo("failed"));

        Map<String, Double> after = metrics();
        assertThat(after.get("reminders_sent_total") - before.get("reminders_sent_total")).isEqualTo(1);
        assertThat(after.get("reminders_failed_total") - before.get("reminders_failed_total")).isEqualTo(1);
        assertThat(after.get("reminders_users_notified_total") - before.get("reminders_users_notified_total")).isEqualTo(2);
        assertThat(after.get("reminders_delivery_seconds_count") - before.get("reminders_delivery_seconds_count")).isEqualTo(2);
        assertThat(after).containsKeys("reminders_skipped_total", "reminders_scheduler_lag_seconds");
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
