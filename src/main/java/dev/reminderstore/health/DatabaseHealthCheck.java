package dev.reminderstore.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.Statement;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Readiness: the database answers a query within the time limit ({@code reminder.health.database-timeout}). */
@Readiness
@ApplicationScoped
public class DatabaseHealthCheck implements HealthCheck {

    private final DatabaseProbe probe;

    public DatabaseHealthCheck(DatabaseProbe probe) {
        this.probe = probe;
    }

    @Override
    public HealthCheckResponse call() {
        DatabaseProbe.Outcome<Boolean> outcome = probe.run(connection -> {
            try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery("SELECT 1")) {
                return row.next();
            }
        });
        HealthCheckResponseBuilder response = HealthCheckResponse.named("database")
                .withData("database_available", outcome.answered())
                .withData("latency_ms", outcome.latencyMillis());
        if (!outcome.answered()) {
            response.withData("error", outcome.error());
        }
        return response.status(outcome.answered()).build();
    }
}
