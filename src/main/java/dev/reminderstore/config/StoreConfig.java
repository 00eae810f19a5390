package dev.reminderstore.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
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

    /** Folder of backups: admin backups and the copies of migrated legacy files (BACKUP_DIR); files are mode 0600. */
    @WithDefault("data/backups")
    String backupDir();

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
}
