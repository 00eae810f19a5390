package dev.reminderstore.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

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
}
