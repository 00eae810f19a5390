package dev.reminderstore.admin;

import dev.reminderstore.Databases.SqliteOnly;
import static dev.reminderstore.Api.api;
import static dev.reminderstore.Api.newId;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@SqliteOnly
class WalCheckpointTest {

    private static final long AUTOCHECKPOINT_BYTES = 1000L * 4096;

    @Inject
    DatabaseAdmin databaseAdmin;

    @Inject
    DatabaseFiles files;

    /**
     * A reader that keeps its snapshot stops SQLite's automatic checkpoints from restarting the WAL, and the WAL never
     * shrinks by itself; the regular checkpoint brings it back to nothing once the reader is gone.
     */
    @Test
    void regularCheckpointTruncatesTheWalThatALongReaderLetGrow() throws Exception {
        try (Connection reader = DriverManager.getConnection("jdbc:sqlite:" + files.database().orElseThrow());
             Statement statement = reader.createStatement()) {
            statement.execute("BEGIN");
            statement.executeQuery("SELECT count(*) FROM guild").close();
            for (int i = 0; i < 100; i++) {
                api().body(Map.of("name", "wal", "settings", Map.of("blob", "w".repeat(60_000))))
                        .put("/api/v1/guilds/" + newId()).then().statusCode(201);
            }
            assertThat(files.walBytes().orElseThrow()).isGreaterThan(AUTOCHECKPOINT_BYTES);
            statement.execute("COMMIT");
        }

        databaseAdmin.checkpointRegularly();

        assertThat(files.walBytes()).contains(0L);
    }

    /** A graceful stop leaves the database file complete by itself: the WAL is copied into it and emptied. */
    @Test
    void shutdownCheckpointEmptiesTheWal() {
        api().body(Map.of("name", "before stop")).put("/api/v1/guilds/" + newId()).then().statusCode(201);
        assertThat(files.walBytes().orElseThrow()).isPositive();

        databaseAdmin.checkpointAtShutdown(null);

        assertThat(files.walBytes()).contains(0L);
    }
}
