package dev.reminderstore.admin;

import dev.reminderstore.config.TimeSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;

/** Gauges of the database files and the backups at /q/metrics; read at every scrape. */
@ApplicationScoped
public class StoreMetrics {

    private final MeterRegistry registry;
    private final DatabaseFiles files;
    private final BackupService backups;
    private final TimeSource clock;

    public StoreMetrics(MeterRegistry registry, DatabaseFiles files, BackupService backups, TimeSource clock) {
        this.registry = registry;
        this.files = files;
        this.backups = backups;
        this.clock = clock;
    }

    void register(@Observes StartupEvent start) {
        if (!files.isSqlite()) {
            return;
        }
        Gauge.builder("reminderstore.database.size", files, f -> f.databaseBytes().orElse(0L))
                .description("Size of the SQLite database file").baseUnit("bytes").strongReference(true).register(registry);
        Gauge.builder("reminderstore.database.wal.size", files, f -> f.walBytes().orElse(0L))
                .description("Size of the SQLite write-ahead log").baseUnit("bytes").strongReference(true).register(registry);
        Gauge.builder("reminderstore.backup.age", this, StoreMetrics::backupAgeSeconds)
                .description("Seconds since the newest backup in BACKUP_DIR; -1 when there is none").baseUnit("seconds")
                .strongReference(true).register(registry);
        Gauge.builder("reminderstore.backup.last.result", backups, b -> switch (b.lastResult()) {
                    case SUCCESS -> 1;
                    case FAILURE -> 0;
                    case NONE -> -1;
                })
                .description("Last backup since start: 1 good, 0 failed, -1 none yet").strongReference(true).register(registry);
    }

    private double backupAgeSeconds() {
        return backups.newestBackupTime().map(time -> (double) Duration.between(time, clock.now()).toSeconds()).orElse(-1.0);
    }
}
