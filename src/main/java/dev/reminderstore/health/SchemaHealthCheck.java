package dev.reminderstore.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;

/**
 * Readiness and startup: every table of the schema exists (names the missing ones), with the schema version
 * Flyway recorded. Reads the JDBC metadata, so it works on PostgreSQL as well.
 */
@Readiness
@Startup
@ApplicationScoped
public class SchemaHealthCheck implements HealthCheck {

    public static final List<String> TABLES = List.of("guild", "user", "event", "reaction", "reminderlog");

    private final DatabaseProbe probe;

    public SchemaHealthCheck(DatabaseProbe probe) {
        this.probe = probe;
    }

    /** What the schema check found. */
    record Schema(List<String> missingTables, Optional<String> version) {
    }

    @Override
    public HealthCheckResponse call() {
        DatabaseProbe.Outcome<Schema> outcome = probe.run(SchemaHealthCheck::inspect);
        HealthCheckResponseBuilder response = HealthCheckResponse.named("schema");
        if (!outcome.answered()) {
            return response.withData("tables_exist", false).withData("error", outcome.error()).down().build();
        }
        Schema schema = outcome.value();
        boolean complete = schema.missingTables().isEmpty();
        response.withData("tables_exist", complete).withData("schema_version", schema.version().orElse("none"));
        if (!complete) {
            response.withData("missing_tables", String.join(", ", schema.missingTables()));
        }
        return response.status(complete).build();
    }

    static Schema inspect(Connection connection) throws SQLException {
        Set<String> present = new HashSet<>();
        try (ResultSet tables = connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (tables.next()) {
                present.add(tables.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        List<String> missing = new ArrayList<>(TABLES);
        missing.removeAll(present);
        return new Schema(missing, present.contains("flyway_schema_history") ? schemaVersion(connection) : Optional.empty());
    }

    /** The version of the last successful Flyway migration. */
    public static Optional<String> schemaVersion(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT version FROM flyway_schema_history WHERE success = ? AND version IS NOT NULL ORDER BY installed_rank DESC")) {
            query.setBoolean(1, true);
            query.setMaxRows(1);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        }
    }
}
