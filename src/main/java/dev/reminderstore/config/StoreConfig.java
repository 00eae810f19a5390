package dev.reminderstore.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** The service's own settings ({@code reminder.*}); application.properties maps the bot's variable names onto them. */
@ConfigMapping(prefix = "reminder")
public interface StoreConfig {

    /** SQLite file (DATABASE_PATH); its folder is created at start. */
    @WithDefault("data/reminder-store.db")
    String databasePath();

    /** In-memory database and the wide test-mode interval limits (TEST_MODE). */
    @WithDefault("false")
    boolean testMode();

    /** The old bot's switch (USE_SQLITE); SQLite is the embedded default either way. */
    @WithDefault("true")
    boolean useSqlite();

    Api api();

    interface Api {
        /** Largest request body the API accepts, in bytes (API_MAX_BODY_SIZE); larger ones get 413. */
        @WithDefault("4194304")
        long maxBodySize();
    }

    /** The reminder job and its delivery; its keys sit directly under {@code reminder.}. */
    @WithParentName
    Reminders reminders();

    interface Reminders {
        /** How often the job looks for due events (REMINDER_POLL_INTERVAL): a duration such as 1s, or off. */
        @WithDefault("1s")
        String pollInterval();

        /** discord, webhook or log (REMINDER_DELIVERY); when unset, discord if DISCORD_TOKEN is set, else log. */
        Optional<String> delivery();

        /** Most due events claimed in one write transaction. */
        @WithDefault("500")
        int claimBatchSize();

        /** Deliveries in flight at once. */
        @WithDefault("8")
        int deliveryConcurrency();

        Discord discord();

        Webhook webhook();

        AutoDelete autoDelete();
    }

    interface Discord {
        /** Bot token (DISCORD_TOKEN); never logged. */
        Optional<String> token();

        /** Discord's API base (DISCORD_API_BASE_URL): a proxy or a test stand-in may take its place. */
        @WithDefault("https://discord.com/api/v10")
        URI apiBaseUrl();

        /** Time allowed for one HTTP call. */
        @WithDefault("10s")
        Duration timeout();

        /** Retries after a 5xx answer or a timeout, with doubling waits from retry-backoff. */
        @WithDefault("3")
        int maxRetries();

        /** Wait before the first retry. */
        @WithDefault("500ms")
        Duration retryBackoff();
    }

    interface Webhook {
        /** Where webhook delivery POSTs (REMINDER_WEBHOOK_URL). */
        Optional<URI> url();

        /** HMAC-SHA256 key of the X-Signature-256 header (REMINDER_WEBHOOK_SECRET); never logged. */
        Optional<String> secret();
    }

    interface AutoDelete {
        /** Delete sent Discord reminders after a delay (AUTO_DELETE_REMINDERS); guild setting autoDeleteReminders overrides. */
        @WithDefault("true")
        boolean enabled();

        /** Hours before deletion (AUTO_DELETE_DELAY_HOURS); guild setting autoDeleteDelayHours overrides. */
        @WithDefault("1")
        double delayHours();

        /** How often the deletion job runs: a duration, or off. */
        @WithDefault("30s")
        String pollInterval();
    }
}
