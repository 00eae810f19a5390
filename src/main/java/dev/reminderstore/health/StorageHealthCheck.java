package dev.reminderstore.health;

import dev.reminderstore.db.StorageFaultMonitor;
import dev.reminderstore.db.WriteQueue;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: the database can be written. UP at no cost while no write has met a storage fault; once one has (read-only
 * file system, full disk), each check tries a write of its own, so that readiness comes back UP by itself when the
 * fault is gone even though no traffic reaches a pod that is not ready.
 */
@Readiness
@ApplicationScoped
public class StorageHealthCheck implements HealthCheck {

    private final StorageFaultMonitor storage;
    private final DatabaseProbe probe;
    private final WriteQueue writeQueue;

    public StorageHealthCheck(StorageFaultMonitor storage, DatabaseProbe probe, WriteQueue writeQueue) {
        this.storage = storage;
        this.probe = probe;
        this.writeQueue = writeQueue;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("storage");
        Optional<StorageFaultMonitor.Fault> fault = storage.current();
        if (fault.isEmpty()) {
            return response.withData("writable", true).up().build();
        }
        DatabaseProbe.Outcome<Boolean> write = probe.run(this::rewriteUserVersion);
        if (write.answered()) {
            storage.writeSucceeded();
            return response.withData("writable", true).up().build();
        }
        return response.withData("writable", false)
                .withData("fault", fault.get().description())
                .withData("since", fault.get().since().toString())
                .withData("probe_error", write.error())
                .down().build();
    }

    /**
     * The smallest write that reaches the disk: SQLite's user_version (unused by the schema, which Flyway versions)
     * set to the value it has, a one-page transaction in the WAL. It takes its turn among the writers.
     */
    private boolean rewriteUserVersion(Connection connection) throws Exception {
        return writeQueue.serialize(() -> {
            try (Statement statement = connection.createStatement()) {
                long version;
                try (ResultSet row = statement.executeQuery("PRAGMA user_version")) {
                    row.next();
                    version = row.getLong(1);
                }
                statement.execute("PRAGMA user_version = " + version);
                return true;
            }
        });
    }
}
