package dev.reminderstore.reminder;

import static dev.reminderstore.Api.api;
import static dev.reminderstore.Api.newId;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reminderstore.PackagedInstance;
import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.inject.spi.CDI;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

    /** The reminder and Discord meters at /q/metrics by name (labels dropped, values of one name added up). */
    static Map<String, Double> metrics() {
        Map<String, Double> values = new TreeMap<>();
        api().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith("reminders_") || line.startsWith("discord_"))
                .forEach(line -> values.merge(line.replaceAll("[{ ].*", ""),
                        Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum));
        return values;
    }

    /**
     * Starts the packaged service delivering to {@link FakeDiscord} with the job every second and the given leases;
     * {@code env} adds to (or overrides) that and the failsafe environment (database, keys).
     */
    static PackagedInstance startWithStandInDiscord(String name, Map<String, String> env) throws IOException {
        Map<String, String> all = new HashMap<>();
        all.put("REMINDER_DELIVERY", "discord");
        all.put("DISCORD_TOKEN", DiscordProfile.TOKEN);
        all.put("DISCORD_API_BASE_URL", FakeDiscord.INSTANCE.baseUrl() + FakeDiscord.API);
        all.put("REMINDER_POLL_INTERVAL", DiscordProfile.POLL_INTERVAL);
        all.put("AUTO_DELETE_REMINDERS", "false");
        all.put("AUTO_MIGRATE", "false");
        all.put("LEGACY_TIMEZONE", "UTC");
        all.putAll(env);
        return PackagedInstance.start(name, PackagedInstance.MAIN_APP, all);
    }

    /**
     * A guild of {@code members} and {@code count} events in channels of their own, all due at one moment
     * {@code lead} from now (so that one claim finds them all); answers their channels.
     */
    static List<String> dueTogether(int count, int members, String title, Duration lead) {
        String guildId = newId();
        guildWithMembers(guildId, Map.of(), members);
        Instant dueAt = Instant.now().plus(lead);
        List<String> channels = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String channelId = newId();
            channels.add(channelId);
            watch(newId(), channelId, guildId, title + " " + i, dueAt.minus(Duration.ofMinutes((long) INTERVAL)));
        }
        assertThat(Instant.now()).as("all events written before they fall due").isBefore(dueAt);
        return channels;
    }

    /** Messages the stand-in Discord really posted in these channels (a repeated nonce posts none). */
    static long postedIn(List<String> channels) {
        return channels.stream().mapToLong(channel -> FakeDiscord.INSTANCE.postedMessages(FakeDiscord.messagesPath(channel))).sum();
    }

    static void pauseJob() {
        CDI.current().select(Scheduler.class).get().pause(JOB);
    }

    static void resumeJob() {
        CDI.current().select(Scheduler.class).get().resume(JOB);
    }
}
