package dev.reminderstore.api;

import dev.reminderstore.Databases.SqliteOnly;
import static dev.reminderstore.Api.api;
import static dev.reminderstore.Api.newId;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.reminderstore.db.PooledConnections;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@SqliteOnly
class StorageFaultResponseTest {

    /** SQLite's largest page count: no limit. */
    private static final long UNLIMITED_PAGES = 4294967294L;

    @Inject
    AgroalDataSource dataSource;

    /** A real SQLITE_FULL: every pooled connection may not grow the file beyond its size now. */
    @Test
    void fullDatabaseIs503ProblemAndWritesWorkAgainOnceThereIsRoom() throws Exception {
        PooledConnections.executeOnEach(dataSource, "PRAGMA max_page_count = 1");
        try {
            api().body(Map.of("name", "too big", "settings", Map.of("blob", "f".repeat(3_500_000))))
                    .put("/api/v1/guilds/" + newId())
                    .then().statusCode(503)
                    .contentType("application/problem+json")
                    .body("status", equalTo(503))
                    .body("detail", startsWith("the database cannot be written: SQLITE_FULL"));
        } finally {
            PooledConnections.executeOnEach(dataSource, "PRAGMA max_page_count = " + UNLIMITED_PAGES);
        }
        api().body(Map.of("name", "fits")).put("/api/v1/guilds/" + newId()).then().statusCode(201);
    }
}
