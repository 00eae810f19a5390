package dev.reminderstore.reminder;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.Map;

/**
 * Discord delivery against {@link FakeDiscord}, with the reminder job running every second (the scheduler's
 * shortest interval). Tests that drive the dispatcher themselves pause the job first.
 */
public class DiscordProfile implements QuarkusTestProfile {

    static final String TOKEN = "test-bot-token";
    static final String POLL_INTERVAL = "1s";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>();
        put(config, "reminder.delivery", "discord");
        put(config, "reminder.discord.token", TOKEN);
        put(config, "reminder.discord.api-base-url", FakeDiscord.INSTANCE.baseUrl() + FakeDiscord.API);
        put(config, "reminder.discord.retry-backoff", "50ms");
        put(config, "reminder.discord.timeout", "3s");
        put(config, "reminder.discord.probe-backoff", "200ms");
        put(config, "reminder.discord.max-probe-backoff", "1s");
        put(config, "reminder.poll-interval", POLL_INTERVAL);
        put(config, "reminder.auto-delete.poll-interval", "off");
        return config;
    }

    /** Also under the test profile's prefix, which application.properties uses for these keys. */
    private static void put(Map<String, String> config, String key, String value) {
        config.put(key, value);
        config.put("%test." + key, value);
    }
}
