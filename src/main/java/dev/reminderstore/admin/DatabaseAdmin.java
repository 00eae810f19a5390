package dev.reminderstore.admin;

import dev.reminderstore.config.InstanceId;
import dev.reminderstore.config.StoreConfig;
import dev.reminderstore.db.WriteQueue;
import dev.reminderstore.health.SchemaHealthCheck;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.ObserverMethod;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Looks after the SQLite file: reports on it (on PostgreSQL: the server's facts), checks it, and keeps it compact. Everything runs on its own pooled
 * connection in autocommit (VACUUM and checkpoints cannot run inside a transaction); the work that must not meet
 * another writer (VACUUM, a truncating checkpoint) takes its turn in the {@link WriteQueue}.
 */
@ApplicationScoped
public class DatabaseAdmin {

    private final AgroalDataSource dataSource;
    private final WriteQueue writeQueue;
    private final DatabaseFiles files;
    private final int vacuumFreePercent;
    private final InstanceId instance;

    public DatabaseAdmin(AgroalDataSource dataSource, WriteQueue writeQueue, DatabaseFiles files, StoreConfig config,
                         InstanceId instance) {
        this.dataSource = dataSource;
        this.instance = instance;
        this.writeQueue = writeQueue;
        this.files = files;
        this.vacuumFreePercent = config.maintenance().vacuumFreePercent();
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Statement statement) throws SQLException;
    }

    public DatabaseInfo info() throws SQLException {
        return onConnection(statement -> {
            Map<String, Long> rowCounts = new LinkedHashMap<>();
            for (String table : SchemaHealthCheck.TABLES) {
                rowCounts.put(table, number(statement, "SELECT count(*) FROM \"" + table + "\""));
            }
            String schemaVersion = SchemaHealthCheck.schemaVersion(statement.getConnection()).orElse(null);
            if (!files.isSqlite()) {
                return new DatabaseInfo("postgresql", text(statement, "SHOW server_version"),
                        text(statement, "SELECT current_database()"),
                        number(statement, "SELECT pg_database_size(current_database())"), null, null, null, null, null,
                        null, rowCounts, schemaVersion, instance.value());
            }
            String sqliteVersion = text(statement, "SELECT sqlite_version()");
            return new DatabaseInfo("sqlite", sqliteVersion, files.database().map(Object::toString).orElse(":memory:"),
                    files.databaseBytes().orElse(null), files.walBytes().orElse(null),
                    number(statement, "PRAGMA page_size"), number(statement, "PRAGMA page_count"),
                    number(statement, "PRAGMA freelist_count"), text(statement, "PRAGMA journal_mode"),
                    sqliteVersion, rowCounts, schemaVersion, instance.value());
        });
    }

    /** A reader: it runs beside the service's writes and sees one consistent snapshot. */
    public IntegrityReport integrityCheck() throws SQLException {
        files.requireSqlite("the integrity check", "the amcheck extension (pg_amcheck)");
        long start = System.nanoTime();
        return onConnection(statement -> {
            List<String> integrity = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
                while (rows.next()) {
                    integrity.add(rows.getString(1));
                }
            }
            List<IntegrityReport.ForeignKeyViolation> violations = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("PRAGMA foreign_key_check")) {
                while (rows.next()) {
                    long rowid = rows.getLong("rowid");
                    violations.add(new IntegrityReport.ForeignKeyViolation(rows.getString("table"),
                            rows.wasNull() ? null : rowid, rows.getString("parent"), rows.getInt("fkid")));
                }
            }
            boolean ok = integrity.equals(List.of("ok")) && violations.isEmpty();
            if (!ok) {
                Log.errorf("Integrity check found problems: %s; foreign key violations: %d", integrity, violations.size());
            }
            return new IntegrityReport(ok, integrity, violations, millisSince(start));
        });
    }

    /**
     * Refreshes the planner's statistics, copies the WAL into the database and truncates it, and rebuilds the file
     * when enough of it is free pages. Holds the writers' queue: writes wait (up to the write-queue timeout) meanwhile.
     */
    public OptimizeReport optimize() throws Exception {
        files.requireSqlite("optimize", "the server's autovacuum, or VACUUM (ANALYZE)");
        long start = System.nanoTime();
        return writeQueue.serialize(() -> onConnection(statement -> {
            OptimizeReport.Sizes before = sizes(statement);
            statement.execute("PRAGMA optimize");
            statement.execute("ANALYZE");
            long freePercent = before.pageCount() == 0 ? 0 : before.freelistCount() * 100 / before.pageCount();
            boolean vacuum = before.freelistCount() > 0 && freePercent >= vacuumFreePercent;
            String reason = freePercent + "% of the pages are free; the threshold is " + vacuumFreePercent + "%";
            if (vacuum) {
                statement.execute("VACUUM");
            }
            OptimizeReport.Checkpoint checkpoint = checkpoint(statement);
            OptimizeReport report = new OptimizeReport(before, sizes(statement), vacuum, reason, checkpoint, millisSince(start));
            Log.infof("Optimized the database in %d ms: %s", report.durationMs(), report);
            return report;
        }));
    }

    /**
     * Copies the WAL into the database and truncates it, so that the WAL stays small even when SQLite's own
     * automatic checkpoints keep meeting readers. Runs between writers.
     */
    @Scheduled(identity = "wal-checkpoint", every = "${reminder.maintenance.checkpoint-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void checkpointRegularly() throws Exception {
        if (files.database().isEmpty()) {
            return;
        }
        OptimizeReport.Checkpoint checkpoint = checkpointBetweenWriters();
        if (checkpoint.busy()) {
            Log.warnf("WAL checkpoint could not finish, readers held on to %d frames; it is retried at the next run",
                    checkpoint.walFrames() - checkpoint.checkpointedFrames());
        } else {
            Log.debugf("WAL checkpoint copied %d frames", checkpoint.checkpointedFrames());
        }
    }

    /**
     * On a graceful stop, once Quarkus has let the requests in flight finish (ShutdownEvent comes after that) and
     * the last writer left the queue: the database file is then complete by itself, without its WAL, for a backup
     * copy or the next start. Observed late, after the other beans' shutdown work. Nothing to do on PostgreSQL.
     */
    void checkpointAtShutdown(@Observes @Priority(ObserverMethod.DEFAULT_PRIORITY + 1000) ShutdownEvent stop) {
        if (files.database().isEmpty()) {
            return;
        }
        try {
            OptimizeReport.Checkpoint checkpoint = checkpointBetweenWriters();
            Log.infof("WAL checkpoint at shutdown: %d of %d frames copied into the database, WAL %s",
                    checkpoint.checkpointedFrames(), checkpoint.walFrames(),
                    checkpoint.busy() ? "not truncated (a reader held on to it)" : "truncated");
        } catch (Exception e) {
            Log.warnf(e, "WAL checkpoint at shutdown failed; nothing is lost, SQLite replays the WAL at the next start");
        }
    }

    private OptimizeReport.Checkpoint checkpointBetweenWriters() throws Exception {
        return writeQueue.serialize(() -> onConnection(DatabaseAdmin::checkpoint));
    }

    /**
     * A passive checkpoint copies the WAL and counts its frames (a truncating one reports zeros once it emptied the
     * WAL); the truncating one then waits for the readers still in the WAL and cuts the file to nothing.
     */
    private static OptimizeReport.Checkpoint checkpoint(Statement statement) throws SQLException {
        long walFrames;
        long checkpointedFrames;
        try (ResultSet passive = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            passive.next();
            walFrames = passive.getLong(2);
            checkpointedFrames = passive.getLong(3);
        }
        try (ResultSet truncate = statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            truncate.next();
            return new OptimizeReport.Checkpoint(truncate.getInt(1) != 0, walFrames, checkpointedFrames);
        }
    }

    private OptimizeReport.Sizes sizes(Statement statement) throws SQLException {
        return new OptimizeReport.Sizes(files.databaseBytes().orElse(null), files.walBytes().orElse(null),
                number(statement, "PRAGMA page_count"), number(statement, "PRAGMA freelist_count"));
    }

    private <T> T onConnection(Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            return work.run(statement);
        }
    }

    private static long number(Statement statement, String sql) throws SQLException {
        try (ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static String text(Statement statement, String sql) throws SQLException {
        try (ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
