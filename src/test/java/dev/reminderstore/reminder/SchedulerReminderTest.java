package dev.reminderstore.reminder;

import static dev.reminderstore.Api.admin;
import static dev.reminderstore.Api.api;
import static dev.reminderstore.Api.newId;
import static dev.reminderstore.reminder.FakeDiscord.messagesPath;
import static dev.reminderstore.reminder.ReminderTesting.guildWithMembers;
import static dev.reminderstore.reminder.ReminderTesting.overdue;
import static dev.reminderstore.reminder.ReminderTesting.react;
import static dev.reminderstore.reminder.ReminderTesting.watch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.reminderstore.reminder.FakeDiscord.Request;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reminder job itself, running every second: timing, parking and re-arming. */
@QuarkusTest
@TestProfile(DiscordProfile.class)
class SchedulerReminderTest {

    private static final FakeDiscord DISCORD = FakeDiscord.INSTANCE;
    private static final Duration POLL = Duration.ofSeconds(1);

    private String guildId;
    private String channelId;
    private String messageId;

    @BeforeEach
    void runJob() {
        guildId = newId();
        channelId = newId();
        messageId = newId();
        ReminderTesting.resumeJob();
    }

    @AfterEach
    void pauseJob() {
        ReminderTesting.pauseJob();
    }

    @Test
    void eventDueAtTIsSentByTPlusPollIntervalPlusOneSecond() {
        guildWithMembers(guildId, Map.of(), 1);
        Instant dueAt = Instant.now().plusSeconds(2);
        watch(messageId, channelId, guildId, "On time", dueAt.minus(Duration.ofMinutes((long) ReminderTesting.INTERVAL)));

        await().atMost(Duration.ofSeconds(10)).until(() -> !DISCORD.requests(messagesPath(channelId)).isEmpty());

        Request post = DISCORD.requests(messagesPath(channelId)).get(0);
        assertThat(Instant.ofEpochMilli(post.receivedAtMillis())).isBetween(dueAt, dueAt.plus(POLL).plusSeconds(1));
    }

    @Test
    void eventWithNobodyMissingIsParkedThenRearmedWhenAnAnswerIsWithdrawn() {
        List<String> users = guildWithMembers(guildId, Map.of(), 2);
        Instant lastReminder = overdue();
        watch(messageId, channelId, guildId, "Parked", Instant.now());
        react(messageId, users.get(0), "✅");
        react(messageId, users.get(1), "❓");
        api().body(Map.of("lastReminder", lastReminder.toString(), "channelId", channelId, "guildId", guildId,
                "title", "Parked", "intervalMinutes", ReminderTesting.INTERVAL)).put("/api/v1/events/" + messageId)
                .then().statusCode(200);

        awaitParked();
        String stored = api().get("/api/v1/events/" + messageId).then().extract().path("lastReminder");
        assertThat(Instant.parse(stored)).isEqualTo(lastReminder);
        assertThat(DISCORD.requests(messagesPath(channelId))).isEmpty();

        api().delete("/api/v1/events/" + messageId + "/reactions/" + users.get(1)).then().statusCode(204);

        List<Request> posts = awaitPosts(1);
        assertThat(posts.get(0).json().get("content").asText()).contains("<@" + users.get(1) + ">").doesNotContain(users.get(0));
    }

    @Test
    void parkedEventIsRearmedWhenAMemberJoins() {
        List<String> users = guildWithMembers(guildId, Map.of(), 1);
        watch(messageId, channelId, guildId, "Newcomer", Instant.now());
        react(messageId, users.get(0), "✅");
        api().body(Map.of("lastReminder", overdue().toString(), "channelId", channelId, "guildId", guildId,
                "title", "Newcomer", "intervalMinutes", ReminderTesting.INTERVAL)).put("/api/v1/events/" + messageId)
                .then().statusCode(200);
        awaitParked();

        String newcomer = newId();
        api().body(Map.of("username", "newcomer")).put("/api/v1/guilds/" + guildId + "/users/" + newcomer).then().statusCode(201);

        assertThat(awaitPosts(1).get(0).json().get("content").asText()).contains("<@" + newcomer + ">");
    }

    @Test
    void parkedEventIsRearmedWhenAnAnswerChangesToAnEmojiThatDoesNotCount() {
        List<String> users = guildWithMembers(guildId, Map.of(), 1);
        watch(messageId, channelId, guildId, "Changed mind", Instant.now());
        react(messageId, users.get(0), "✅");
        api().body(Map.of("lastReminder", overdue().toString(), "channelId", channelId, "guildId", guildId,
                "title", "Changed mind", "intervalMinutes", ReminderTesting.INTERVAL)).put("/api/v1/events/" + messageId)
                .then().statusCode(200);
        awaitParked();

        api().body(Map.of("emoji", "👍")).put("/api/v1/events/" + messageId + "/reactions/" + users.get(0)).then().statusCode(200);

        assertThat(awaitPosts(1).get(0).json().get("content").asText()).contains("<@" + users.get(0) + ">");
    }

    @Test
    void parkedEventIsRearmedWhenAnswersAreReplacedInBulk() {
        List<String> users = guildWithMembers(guildId, Map.of(), 2);
        watch(messageId, channelId, guildId, "Bulk", Instant.now());
        api().body(List.of(Map.of("userId", users.get(0), "emoji", "✅"), Map.of("userId", users.get(1), "emoji", "✅")))
                .put("/api/v1/events/" + messageId + "/reactions").then().statusCode(200);
        api().body(Map.of("lastReminder", overdue().toString(), "channelId", channelId, "guildId", guildId,
                "title", "Bulk", "intervalMinutes", ReminderTesting.INTERVAL)).put("/api/v1/events/" + messageId)
                .then().statusCode(200);
        awaitParked();

        api().body(List.of(Map.of("userId", users.get(0), "emoji", "✅")))
                .put("/api/v1/events/" + messageId + "/reactions").then().statusCode(200);

        assertThat(awaitPosts(1).get(0).json().get("content").asText()).contains("<@" + users.get(1) + ">")
                .doesNotContain(users.get(0));
    }

    @Test
    void parkedEventIsRearmedWhenTheMemberListAddsSomeone() {
        List<String> users = guildWithMembers(guildId, Map.of(), 1);
        parkAfterAnswers(users);

        String newcomer = newId();
        api().body(List.of(Map.of("userId", users.get(0), "username", "old"), Map.of("userId", newcomer, "username", "new")))
                .put("/api/v1/guilds/" + guildId + "/users").then().statusCode(200);

        assertThat(awaitPosts(1).get(0).json().get("content").asText()).contains("<@" + newcomer + ">");
    }

    @Test
    void parkedEventIsRearmedWhenABotMemberTurnsOutToBeHuman() {
        List<String> users = guildWithMembers(guildId, Map.of(), 1);
        String bot = newId();
        api().body(Map.of("username", "helper", "isBot", true)).put("/api/v1/guilds/" + guildId + "/users/" + bot).then().statusCode(201);
        parkAfterAnswers(users);

        api().body(Map.of("username", "helper", "isBot", false)).put("/api/v1/guilds/" + guildId + "/users/" + bot).then().statusCode(200);

        assertThat(awaitPosts(1).get(0).json().get("content").asText()).contains("<@" + bot + ">");
    }

    @Test
    void parkedEventIsRearmedWhenItsRequiredReactionsChange() {
        List<String> users = guildWithMembers(guildId, Map.of(), 1);
        parkAfterAnswers(users);

        api().contentType("application/merge-patch+json").body(Map.of("requiredReactions", List.of("👍")))
                .patch("/api/v1/events/" + messageId).then().statusCode(200);

        assertThat(awaitPosts(1).get(0).json().get("content").asText()).contains("<@" + users.get(0) + ">");
    }

    @Test
    void parkedEventIsRearmedWhenAMigrationAddsAMemberToItsGuild() {
        List<String> users = guildWithMembers(guildId, Map.of(), 1);
        parkAfterAnswers(users);

        String newcomer = newId();
        String imported = newId();
        String legacy = "{\"" + imported + "\": {\"message_id\": " + imported + ", \"channel_id\": " + newId()
                + ", \"guild_id\": " + guildId + ", \"title\": \"Imported\", \"interval_minutes\": 60.0,"
                + " \"required_reactions\": [\"✅\"], \"last_reminder\": \"2025-08-20T18:00:00\", \"is_paused\": true,"
                + " \"all_users\": [" + newcomer + "], \"users_who_reacted\": []}}";
        admin().body(legacy).post("/api/v1/admin/migrate").then().statusCode(200).body("events", equalTo(1))
                .body("skipped", org.hamcrest.Matchers.empty());

        assertThat(awaitPosts(1).get(0).json().get("content").asText()).contains("<@" + newcomer + ">");
    }

    /** The event, overdue, with every one of {@code users} answered ✅: the job parks it. */
    private void parkAfterAnswers(List<String> users) {
        watch(messageId, channelId, guildId, "Parked", Instant.now());
        users.forEach(user -> react(messageId, user, "✅"));
        api().body(Map.of("lastReminder", overdue().toString(), "channelId", channelId, "guildId", guildId,
                "title", "Parked", "intervalMinutes", ReminderTesting.INTERVAL)).put("/api/v1/events/" + messageId)
                .then().statusCode(200);
        awaitParked();
    }

    private void awaitParked() {
        await().atMost(Duration.ofSeconds(10)).until(() ->
                api().get("/api/v1/events/" + messageId).then().extract().path("nextReminderAt") == null);
        api().get("/api/v1/events/" + messageId).then().body("isPaused", equalTo(false));
    }

    private List<Request> awaitPosts(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> DISCORD.requests(messagesPath(channelId)).size() >= count);
        List<Request> posts = DISCORD.requests(messagesPath(channelId));
        assertThat(posts).hasSize(count);
        return posts;
    }
}
