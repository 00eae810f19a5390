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

import dev.reminderstore.db.PooledConnections;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
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
     * query_only makes SQLite refuse every write with SQLITE_READONLY, as a read-only file does: writes are 503,
     * reads answer, readiness is DOWN; once writes are allowed again, readiness recovers by its own write, with no
     * request needed.
     */
    @Test
    void readOnlyDatabaseMakesReadinessDownUntilItsOwnWriteSucceeds() throws Exception {
        String guild = newId();
        api().body(Map.of("name", "before the fault")).put("/api/v1/guilds/" + guild).then().statusCode(201);
        PooledConnections.executeOnEach(dataSource, "PRAGMA query_only = 1");
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
            PooledConnections.executeOnEach(dataSource, "PRAGMA query_only = 0");
        }
        anonymous().get("/q/health/ready")
                .then().statusCode(200)
                .body(check("storage") + ".status", equalTo("UP"))
                .body(check("storage") + ".data.fault", nullValue());
        api().body(Map.of("name", "after the fault")).put("/api/v1/guilds/" + newId()).then().statusCode(201);
    }

    @Test
    void aDiskWithLessThanTheMinimumFreeIsStillFaulty() {
        assertThat(StorageHealthCheck.lackOfSpace(8_388_607, 8_388_608))
                .contains("8388607 bytes free on the database's file system, 8388608 needed");
        assertThat(StorageHealthCheck.lackOfSpace(8_388_608, 8_388_608)).isEmpty();
    }
}
