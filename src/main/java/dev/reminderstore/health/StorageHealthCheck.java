package dev.reminderstore.health;

import dev.reminderstore.admin.DatabaseFiles;
import dev.reminderstore.config.StoreConfig;
import dev.reminderstore.db.StorageFaultMonitor;
import dev.reminderstore.db.WriteQueue;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: the database can be written. UP at no cost while no write has met a storage fault. Once one has
 * (read-only file system, full disk, I/O error), each check looks again, so that readiness comes back UP by itself
 * when the fault is gone, although no traffic reaches a pod that is not ready: the database's file system must have
 * {@code reminder.health.storage-min-free} free (a small write can still fit on a disk too full for real ones), and
 * a write of its own must succeed.
 */
@Readiness
@ApplicationScoped
public class StorageHealthCheck implements HealthCheck {

    private final StorageFaultMonitor storage;
    private final DatabaseProbe probe;
    private final WriteQueue writeQueue;
    private final DatabaseFiles files;
    private final long minFreeBytes;

    public StorageHealthCheck(StorageFaultMonitor storage, DatabaseProbe probe, WriteQueue writeQueue, DatabaseFiles files,
                              StoreConfig config) {
        this.storage = storage;
        this.probe = probe;
        this.writeQueue = writeQueue;
        this.files = files;
        this.minFreeBytes = config.health().storageMinFree().asLongValue();
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("storage");
        Optional<StorageFaultMonitor.Fault> fault = storage.current();
        if (fault.isEmpty()) {
            return response.withData("writable", true).up().build();
        }
        Optional<String> stillFaulty = lackOfSpace().or(this::failedWrite);
        if (stillFaulty.isEmpty()) {
            storage.writeSucceeded();
            return response.withData("writable", true).up().build();
        }
        return response.withData("writable", false)
                .withData("fault", fault.get().description())
                .withData("since", fault.get().since().toString())
                .withData("probe_error", stillFaulty.get())
                .down().build();
    }

    private Optional<String> lackOfSpace() {
        return files.database().flatMap(StorageHealthCheck::usableBytes)
                .flatMap(free -> lackOfSpace(free, minFreeBytes));
    }

    static Optional<String> lackOfSpace(long usableBytes, long minFreeBytes) {
        return usableBytes >= minFreeBytes ? Optional.empty()
                : Optional.of(usableBytes + " bytes free on the database's file system, " + minFreeBytes + " needed");
    }

    private static Optional<Long> usableBytes(Path database) {
        try {
            return Optional.of(Files.getFileStore(database.getParent()).getUsableSpace());
        } catch (IOException e) {
            return Optional.empty(); // the write probe will tell
        }
    }

    private Optional<String> failedWrite() {
        storage.renewConnections(); // the probe must not meet a connection opened read-only during the fault
        DatabaseProbe.Outcome<Boolean> write = probe.run(this::rewriteUserVersion);
        return Optional.ofNullable(write.error());
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
