package dev.reminderstore.admin;

import dev.reminderstore.Databases.SqliteOnly;
import static dev.reminderstore.Api.admin;
import static dev.reminderstore.Api.anonymous;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@QuarkusTest
@SqliteOnly
class StoreMetricsTest {

    @Test
    void prometheusShowsDatabaseBackupHttpAndPoolMetrics() {
        admin().post("/api/v1/admin/backup").then().statusCode(201);

        String metrics = anonymous().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(value(metrics, "reminderstore_database_size_bytes")).isGreaterThan(0);
        assertThat(value(metrics, "reminderstore_database_wal_size_bytes")).isGreaterThanOrEqualTo(0);
        assertThat(value(metrics, "reminderstore_backup_last_result")).isEqualTo(1.0);
        assertThat(value(metrics, "reminderstore_backup_age_seconds")).isBetween(0.0, 60.0);
        assertThat(metrics).contains("http_server_requests_seconds_count{").contains("agroal_active_count");
    }

    private static double value(String metrics, String name) {
        Matcher line = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*})? (\\S+)$").matcher(metrics);
        assertThat(line.find()).as(name + " in\n" + metrics).isTrue();
        return Double.parseDouble(line.group(1));
    }
}
