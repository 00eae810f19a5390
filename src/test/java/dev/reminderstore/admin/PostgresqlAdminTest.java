package dev.reminderstore.admin;

import static dev.reminderstore.Api.admin;
import static dev.reminderstore.Api.api;
import static dev.reminderstore.Api.newId;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import dev.reminderstore.Databases.PostgresqlOnly;
import dev.reminderstore.Schema;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The admin endpoints on PostgreSQL: the server's facts, and a clear 501 for what only the SQLite file has. */
@QuarkusTest
@PostgresqlOnly
class PostgresqlAdminTest {

    @Test
    void databaseInfoDescribesTheServer() {
        api().body(Map.of("name", "Counted")).put("/api/v1/guilds/" + newId()).then().statusCode(201);
        admin().get("/api/v1/admin/database")
                .then().statusCode(200)
                .body("databaseKind", equalTo("postgresql"))
                .body("serverVersion", matchesPattern("\\d+(\\.\\d+)?\\b.*"))
                .body("path", equalTo(databaseName()))
                .body("databaseBytes", greaterThan(0))
                .body("walBytes", nullValue())
                .body("pageCount", nullValue())
                .body("journalMode", nullValue())
                .body("sqliteVersion", nullValue())
                .body("rowCounts.guild", greaterThanOrEqualTo(1))
                .body("rowCounts.reminderlog", greaterThanOrEqualTo(0))
                .body("schemaVersion", equalTo(Schema.latestVersion()));
    }

    /** The database of the tests' JDBC URL (jdbc:postgresql://host:port/name?options). */
    private static String databaseName() {
        String url = System.getProperty("quarkus.datasource.jdbc.url");
        return url.replaceFirst("^.*/([^/?]+)(\\?.*)?$", "$1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/backup          | a backup is not available on PostgreSQL: use pg_dump",
            "/optimize        | optimize is not available on PostgreSQL: use the server's autovacuum, or VACUUM (ANALYZE)",
            "/integrity-check | the integrity check is not available on PostgreSQL: use the amcheck extension (pg_amcheck)"})
    void fileOperationsAre501NamingTheServersTool(String path, String detail) {
        admin().post("/api/v1/admin" + path)
                .then().statusCode(501)
                .contentType("application/problem+json")
                .body("status", equalTo(501))
                .body("detail", equalTo(detail));
    }
}
