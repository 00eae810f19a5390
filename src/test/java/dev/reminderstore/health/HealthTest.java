package dev.reminderstore.health;

import dev.reminderstore.Schema;
import static dev.reminderstore.Api.anonymous;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.reminderstore.FixedTime;
import dev.reminderstore.config.TimeSource;
import dev.reminderstore.db.PooledConnections;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HealthTest {

    private static final String JOB = "test-job";

    @Inject
    Heartbeats heartbeats;

    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void forgetTestJob() {
        heartbeats.unregister(JOB);
    }

    @Test
    void readyReportsDatabaseAndSchema() {
        anonymous().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body(check("database") + ".status", equalTo("UP"))
                .body(check("database") + ".data.database_available", equalTo(true))
                .body(check("database") + ".data.latency_ms", greaterThanOrEqualTo(0))
                .body(check("schema") + ".data.tables_exist", equalTo(true))
                .body(check("schema") + ".data.schema_version", equalTo(Schema.latestVersion()))
                .body(check("schema") + ".data.missing_tables", nullValue());
    }

    @Test
    void startedOnceTheSchemaIsThere() {
        anonymous().get("/q/health/started")
                .then().statusCode(200)
                .body("checks.name", hasItem("schema"));
    }

    @Test
    void liveWithoutWatchedJobs() {
        anonymous().get("/q/health/live")
                .then().statusCode(200)
                .body(check("scheduler") + ".status", equalTo("UP"));
    }

    @Test
    void liveIsDownWhenAJobStopsBeatingAndUpWhenItBeatsAgain() {
        heartbeats.register(JOB, Duration.ofSeconds(1));
        anonymous().get("/q/health/live")
                .then().statusCode(200)
                .body(check("scheduler") + ".data." + JOB + "_stalled_after_seconds", equalTo(60));

        Instant later = Instant.now().plus(Duration.ofMinutes(2));
        QuarkusMock.installMockForType(new FixedTime(later), TimeSource.class);
        anonymous().get("/q/health/live")
                .then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body(check("scheduler") + ".status", equalTo("DOWN"))
                .body(check("scheduler") + ".data.stalled", startsWith(JOB))
                .body(check("scheduler") + ".data." + JOB + "_silent_seconds", greaterThanOrEqualTo(119));

        heartbeats.beat(JOB);
        anonymous().get("/q/health/live")
                .then()
                .body(check("scheduler") + ".data." + JOB + "_last_run", equalTo(later.toString()))
                .body(check("scheduler") + ".data." + JOB + "_silent_seconds", equalTo(0));
    }

    @Test
    void slowJobsGetManyIntervals() {
        heartbeats.register(JOB, Duration.ofMinutes(1));
        anonymous().get("/q/health/live")
                .then().statusCode(200)
                .body(check("scheduler") + ".data." + JOB + "_stalled_after_seconds", equalTo(600));
    }

    @Test
    void missingTableMakesReadinessFailUntilItIsBack() throws Exception {
        rename("reminderlog", "reminderlog_away");
        try {
            anonymous().get("/q/health/ready")
                    .then().statusCode(503)
                    .body("status", equalTo("DOWN"))
                    .body(check("schema") + ".status", equalTo("DOWN"))
                    .body(check("schema") + ".data.tables_exist", equalTo(false))
                    .body(check("schema") + ".data.missing_tables", equalTo("reminderlog"))
                    .body(check("schema") + ".data.schema_version", equalTo(Schema.latestVersion()))
                    .body(check("database") + ".status", equalTo("UP"));
        } finally {
            rename("reminderlog_away", "reminderlog");
        }
        anonymous().get("/q/health/ready").then().statusCode(200).body(check("schema") + ".data.tables_exist", equalTo(true));
    }

    /** Every pooled connection taken and held (stuck requests, a leak): the database does not answer in time. */
    @Test
    void exhaustedPoolMakesReadinessFailUntilConnectionsAreBack() throws Exception {
        try (PooledConnections held = PooledConnections.takeAll(dataSource)) {
            anonymous().get("/q/health/ready")
                    .then().statusCode(503)
                    .body(check("database") + ".status", equalTo("DOWN"))
                    .body(check("database") + ".data.database_available", equalTo(false))
                    .body(check("database") + ".data.error", equalTo("no answer within 1000 ms"))
                    .body(check("database") + ".data.latency_ms", greaterThanOrEqualTo(1000))
                    .body(check("schema") + ".status", equalTo("DOWN"));
        }
        anonymous().get("/q/health/ready")
                .then().statusCode(200)
                .body(check("database") + ".data.database_available", equalTo(true))
                .body(check("database") + ".data.error", nullValue())
                .body(check("database") + ".data.latency_ms", not(nullValue()));
    }

    private void rename(String from, String to) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE " + from + " RENAME TO " + to);
        }
    }

    static String check(String name) {
        return "checks.find { it.name == '" + name + "' }";
    }
}
