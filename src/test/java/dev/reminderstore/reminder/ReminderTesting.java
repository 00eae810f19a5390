package dev.reminderstore.reminder;

import static dev.reminderstore.Api.api;
import static dev.reminderstore.Api.newId;

import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.inject.spi.CDI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small factories for the reminder tests: a guild with members, a watched message, answers. */
final class ReminderTesting {

    static final String JOB = "reminder-dispatch";
    static final double INTERVAL = 60;

    private ReminderTesting() {
    }

    /** A guild with the given settings and {@code members} non-bot members (plus one bot); answers their ids. */
    static List<String> guildWithMembers(String guildId, Map<String, Object> settings, int members) {
        api().body(Map.of("name", "Guild " + guildId, "settings", settings)).put("/api/v1/guilds/" + guildId)
                .then().statusCode(201);
        List<String> userIds = new ArrayList<>();
        List<Map<String, Object>> body = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            String userId = newId();
            userIds.add(userId);
            body.add(Map.of("userId", userId, "username", "member" + i, "isBot", false));
        }
        body.add(Map.of("userId", newId(), "username", "some-bot", "isBot", true));
        api().body(body).put("/api/v1/guilds/" + guildId + "/users").then().statusCode(200);
        return userIds;
    }

    /** Watches a message whose last reminder was at {@code lastReminder}, every {@link #INTERVAL} minutes. */
    static void watch(String messageId, String channelId, String guildId, String title, Instant lastReminder) {
        api().body(Map.of("channelId", channelId, "guildId", guildId, "title", title, "intervalMinutes", INTERVAL,
                        "lastReminder", lastReminder.toString()))
                .put("/api/v1/events/" + messageId).then().statusCode(201);
    }

    /** A last reminder long enough ago that the event is due now. */
    static Instant overdue() {
        return Instant.now().minus(Duration.ofMinutes((long) INTERVAL + 5)).truncatedTo(ChronoUnit.MILLIS);
    }

    static void react(String messageId, String userId, String emoji) {
        api().body(Map.of("emoji", emoji)).put("/api/v1/events/" + messageId + "/reactions/" + userId)
                .then().statusCode(201);
    }

    /** Every reminder log row (all pages of GET /reminder-logs), as JSON objects. */
    static List<Map<String, Object>> allLogs() {
        List<Map<String, Object>> rows = new ArrayList<>();
        String cursor = null;
        do {
            var request = api().queryParam("limit", 500);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/v1/reminder-logs").then().statusCode(200).extract();
            rows.addAll(page.<List<Map<String, Object>>>path("items"));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        return rows;
    }

    static void pauseJob() {
        CDI.current().select(Scheduler.class).get().pause(JOB);
    }

    static void resumeJob() {
        CDI.current().select(Scheduler.class).get().resume(JOB);
    }
}
