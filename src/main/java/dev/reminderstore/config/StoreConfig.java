package dev.reminderstore.config;

import io.quarkus.runtime.configuration.MemorySize;
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

    /**
     * SQLite's page cache for the whole service in MiB (SQLITE_CACHE_MIB), shared out between the pooled connections
     * by db/SqliteConfigSourceFactory.
     */
    @WithDefault("64")
    int sqliteCacheMib();

    /** In-memory database and the wide test-mode interval limits (TEST_MODE). */
    @WithDefault("false")
    boolean testMode();

    /** The old bot's switch (USE_SQLITE); SQLite is the embedded default either way. */
    @WithDefault("true")
    boolean useSqlite();

    /** Statements slower than this many milliseconds are logged and counted (SLOW_QUERY_MS); 0 turns that off. */
    @WithDefault("100")
    long slowQueryMs();

    /**
     * How long a write may wait for its turn (WRITE_TIMEOUT): in the in-process queue of writers and for SQLite's write
     * lock, both within this one limit. A write that does not get its turn in time fails as a whole, 503 with Retry-After.
     */
    @WithDefault("10s")
    Duration writeTimeout();

    Api api();

    interface Api {
        /** Largest request body the API accepts, in bytes (API_MAX_BODY_SIZE); larger ones get 413. */
        @WithDefault("4194304")
        long maxBodySize();

        /** Largest body of the admin migrate and import endpoints, in bytes (API_MAX_IMPORT_SIZE). */
        @WithDefault("268435456")
        long maxImportSize();
    }

    Migration migration();

    /** Import of the old bot's JSON file. */
    interface Migration {
        /** Import a legacy file into an empty database at start (AUTO_MIGRATE). */
        @WithDefault("true")
        boolean autoMigrate();

        /** The legacy file (LEGACY_JSON_PATH); watched_matches.json beside it is looked for too. */
        @WithDefault("watched_reminders.json")
        String legacyJsonPath();

        /** Copy the legacy file into the backup folder after importing it (BACKUP_JSON_ON_MIGRATION). */
        @WithDefault("true")
        boolean backupJson();

        /** Zone of the legacy file's naive times, such as Europe/Paris (LEGACY_TIMEZONE); the system zone when unset. */
        Optional<String> legacyTimezone();
    }

    /** Bearer key for the bot's calls (API_KEY); generated into the data folder when unset. */
    Optional<String> apiKey();

    /** Bearer key for /api/v1/admin and everything else (ADMIN_API_KEY); generated into the data folder when unset. */
    Optional<String> adminApiKey();

    Backup backup();

    Health health();

    Maintenance maintenance();

    interface Backup {
        /** Folder of the backups (BACKUP_DIR); created with mode 0700, files 0600. */
        @WithDefault("data/backups")
        String dir();

        /** How many backups are kept; older ones are deleted after each good backup (BACKUP_KEEP). */
        @WithDefault("10")
        int keep();

        /** Quartz cron expression of automatic backups (BACKUP_SCHEDULE), or "off". */
        @WithDefault("off")
        String schedule();
    }

    interface Health {
        /** A watched job is stalled when it has not run for this many of its intervals... */
        @WithDefault("10")
        int stallIntervals();

        /** ...and for at least this long (a slow delivery run must not get the pod restarted). */
        @WithDefault("60s")
        Duration stallMinimum();

        /** The readiness checks fail when the database does not answer within this time. */
        @WithDefault("2s")
        Duration databaseTimeout();

        /** After a storage fault, readiness stays DOWN until the database's file system has this much free space. */
        @WithDefault("8M")
        MemorySize storageMinFree();
    }

    interface Maintenance {
        /** How often the WAL is checkpointed and truncated, so that it never grows without bound. */
        @WithDefault("5m")
        Duration checkpointInterval();

        /** Optimize runs VACUUM when at least this share of the pages is free (percent). */
        @WithDefault("10")
        int vacuumFreePercent();
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

        /**
         * On a graceful stop, how long the job may take to finish the batch it is delivering (no new batch is claimed);
         * deliveries still running then are interrupted, and delivered again once their leases expire.
         */
        @WithDefault("10s")
        Duration shutdownWait();

        /**
         * How long a claim holds its pending rows (REMINDER_LEASE); the holder renews it every third of that while it
         * delivers, and once it has expired any instance takes the rows over (docs/reminders.md, "Leases").
         */
        @WithDefault("20s")
        Duration lease();

        /**
         * How long after its claim a pending row left by a dead instance is still delivered again, with the same
         * nonce (REMINDER_REDELIVERY_WINDOW); older ones are recorded failed (interrupted). Keep lease plus this well
         * inside the few minutes in which Discord recognises a repeated nonce.
         */
        @WithDefault("90s")
        Duration redeliveryWindow();

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

        /**
         * Invalid answers (401, 403, 404, 429 not of a shared resource) allowed in 10 minutes before every call stops
         * until they age out; Discord bans the IP for a while at 10,000.
         */
        @WithDefault("1000")
        int invalidRequestBudget();

        /** After a 401 stopped delivery, the first probe of the token; each refused probe doubles the wait. */
        @WithDefault("5s")
        Duration probeBackoff();

        /** The longest wait between two probes of the token. */
        @WithDefault("5m")
        Duration maxProbeBackoff();
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
