package dev.reminderstore.health;

import dev.reminderstore.Databases.SqliteOnly;
import static dev.reminderstore.Api.anonymous;
import static dev.reminderstore.Api.api;
import static dev.reminderstore.Api.newId;
import static dev.reminderstore.health.HealthTest.check;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.AgroalPoolInterceptor;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@SqliteOnly
class StorageHealthCheckTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void storageIsUpWhileNoWriteFailed() {
        anonymous().get("/q/health/ready")
                .then().statusCode(200)
                .body(check("storage") + ".status", equalTo("UP"))
                .body(check("storage") + ".data.writable", equalTo(true));
    }

    /**
     * query_only makes SQLite refuse every write with SQLITE_READONLY, as a read-only file does. Set on every
     * connection the pool hands out, it stays while the service renews its connections: writes are 503, reads
     * answer, readiness is DOWN. Once writes are allowed again, readiness recovers by its own write, with no request.
     */
    @Test
    void readOnlyDatabaseMakesReadinessDownUntilItsOwnWriteSucceeds() throws Exception {
        String guild = newId();
        api().body(Map.of("name", "before the fault")).put("/api/v1/guilds/" + guild).then().statusCode(201);
        // The pool has no interceptors of its own (Agroal's getter even fails while none was ever set).
        dataSource.setPoolInterceptors(List.of(new ReadOnlyConnections()));
        try {
            api().body(Map.of("name", "during the fault")).put("/api/v1/guilds/" + newId())
                    .then().statusCode(503)
                    .contentType("application/problem+json")
                    .body("detail", startsWith("the database cannot be written: SQLITE_READONLY"));
            api().get("/api/v1/guilds/" + guild).then().statusCode(200).body("name", equalTo("before the fault"));
            anonymous().get("/q/health/ready")
                    .then().statusCode(503)
                    .body("status", equalTo("DOWN"))
                    .body(check("storage") + ".status", equalTo("DOWN"))
                    .body(check("storage") + ".data.writable", equalTo(false))
                    .body(check("storage") + ".data.fault", startsWith("SQLITE_READONLY"))
                    .body(check("storage") + ".data.probe_error", startsWith("[SQLITE_READONLY]"))
                    .body(check("database") + ".status", equalTo("UP"));
        } finally {
            dataSource.setPoolInterceptors(List.of());
            dataSource.flush(AgroalDataSource.FlushMode.ALL);
        }
        anonymous().get("/q/health/ready")
                .then().statusCode(200)
                .body(check("storage") + ".status", equalTo("UP"))
                .body(check("storage") + ".data.fault", nullValue());
        api().body(Map.of("name", "after the fault")).put("/api/v1/guilds/" + newId()).then().statusCode(201);
    }

    /** Makes every connection the pool hands out refuse writes. */
    private static final class ReadOnlyConnections implements AgroalPoolInterceptor {
        @Override
        public void onConnectionAcquire(Connection connection) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA query_only = 1");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void aDiskWithLessThanTheMinimumFreeIsStillFaulty() {
        assertThat(StorageHealthCheck.lackOfSpace(8_388_607, 8_388_608))
                .contains("8388607 bytes free on the database's file system, 8388608 needed");
        assertThat(StorageHealthCheck.lackOfSpace(8_388_608, 8_388_608)).isEmpty();
    }
}
