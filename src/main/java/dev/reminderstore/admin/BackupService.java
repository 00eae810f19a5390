package dev.reminderstore.admin;

import dev.reminderstore.api.ApiException;
import dev.reminderstore.config.StoreConfig;
import dev.reminderstore.config.TimeSource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.sqlite.SQLiteConfig;

/**
 * Consistent online backups with {@code VACUUM INTO}: it reads one snapshot like any reader, so the service keeps
 * writing meanwhile (SQLite's backup API restarts whenever another connection writes and may never finish under
 * load). The copy is written under a temporary name, checked with {@code quick_check}, and only then given its
 * final name; the newest {@code BACKUP_KEEP} backups are kept.
 */
@ApplicationScoped
public class BackupService {

    private static final String PREFIX = "reminder-store-";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "(\\d{8}T\\d{9}Z)\\.db");
    private static final String PARTIAL_SUFFIX = ".partial";
    static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");

    /** The last backup attempt since start: none yet, a good one, or a failure. */
    public enum Result { NONE, SUCCESS, FAILURE }

    private final AgroalDataSource dataSource;
    private final DatabaseFiles files;
    private final TimeSource clock;
    private final Path folder;
    private final int keep;
    private final String schedule;
    private final ReentrantLock running = new ReentrantLock();
    private volatile Result lastResult = Result.NONE;

    public BackupService(AgroalDataSource dataSource, DatabaseFiles files, TimeSource clock, StoreConfig config) {
        this.dataSource = dataSource;
        this.files = files;
        this.clock = clock;
        this.folder = Path.of(config.backup().dir()).toAbsolutePath();
        this.keep = Math.max(1, config.backup().keep());
        this.schedule = config.backup().schedule();
    }

    void announce(@Observes StartupEvent start) {
        if (files.isSqlite()) {
            Log.infof("Backups go to %s, the newest %d are kept; automatic backups: %s", folder, keep,
                    "off".equals(schedule) ? "off (set BACKUP_SCHEDULE to a cron expression to turn them on)" : schedule);
        } else if (!"off".equals(schedule)) {
            Log.warnf("BACKUP_SCHEDULE (%s) is ignored on PostgreSQL: back the database up with pg_dump", schedule);
        }
    }

    @Scheduled(identity = "backup", cron = "${reminder.backup.schedule}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void backupOnSchedule() {
        if (!files.isSqlite()) {
            return;
        }
        try {
            BackupReport report = backup();
            Log.infof("Scheduled backup %s done (%d bytes, %d ms)", report.backup().name(), report.backup().sizeBytes(), report.durationMs());
        } catch (RuntimeException e) {
            Log.warnf("Scheduled backup not taken: %s; the next one runs on schedule", e.getMessage());
        }
    }

    /** Takes a backup now; one at a time (a second request while one runs is a 409). */
    public BackupReport backup() {
        files.requireSqlite("a backup", "pg_dump");
        if (!running.tryLock()) {
            throw ApiException.conflict("a backup is already running; try again when it has finished");
        }
        long start = System.nanoTime();
        try {
            BackupReport report = takeBackup(start);
            lastResult = Result.SUCCESS;
            return report;
        } catch (RuntimeException e) {
            lastResult = Result.FAILURE;
            Log.errorf(e, "Backup failed: %s", e.getMessage());
            throw e;
        } finally {
            running.unlock();
        }
    }

    private BackupReport takeBackup(long start) {
        Instant now = clock.now();
        String name = PREFIX + STAMP.format(now) + ".db";
        Path partial = folder.resolve(name + PARTIAL_SUFFIX);
        try {
            createFolder();
            // VACUUM INTO writes into an empty file that exists: created here, readable by the owner only.
            Files.createFile(partial, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
                vacuum.setString(1, partial.toString());
                vacuum.execute();
            }
            String check = quickCheck(partial);
            if (!"ok".equals(check)) {
                throw new BackupFailedException("the backup " + name + " failed its quick_check: " + check, null);
            }
            Path target = folder.resolve(name);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            Files.setPosixFilePermissions(target, OWNER_ONLY_FILE);
            List<String> deleted = applyRetention(name);
            BackupFile backup = new BackupFile(name, Files.size(target), now);
            Log.infof("Backup %s written to %s (%d bytes, quick_check ok)", name, folder, backup.sizeBytes());
            return new BackupReport(backup, check, DatabaseAdmin.millisSince(start), deleted);
        } catch (IOException | SQLException e) {
            deleteQuietly(partial);
            throw new BackupFailedException("the backup " + name + " to " + folder + " failed: " + e.getMessage(), e);
        } catch (BackupFailedException e) {
            deleteQuietly(partial);
            throw e;
        }
    }

    /** The backups in BACKUP_DIR, newest first. Files that the service did not name are left out (and left alone). */
    public List<BackupFile> list() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            List<BackupFile> backups = new ArrayList<>();
            entries.forEach(file -> parse(file).ifPresent(backups::add));
            backups.sort(Comparator.comparing(BackupFile::createdAt).reversed());
            return backups;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the backups in " + folder + ": " + e.getMessage(), e);
        }
    }

    public Result lastResult() {
        return lastResult;
    }

    /** The time of the newest backup in BACKUP_DIR (also one taken before this start). */
    public Optional<Instant> newestBackupTime() {
        return list().stream().findFirst().map(BackupFile::createdAt);
    }

    public Path folder() {
        return folder;
    }

    private Optional<BackupFile> parse(Path file) {
        Matcher name = NAME.matcher(file.getFileName().toString());
        if (!name.matches()) {
            return Optional.empty();
        }
        return Optional.of(new BackupFile(file.getFileName().toString(), DatabaseFiles.sizeOf(file),
                Instant.from(STAMP.parse(name.group(1)))));
    }

    private List<String> applyRetention(String kept) throws IOException {
        List<String> deleted = new ArrayList<>();
        List<BackupFile> backups = list();
        for (BackupFile old : backups.subList(Math.min(keep, backups.size()), backups.size())) {
            if (!old.name().equals(kept) && Files.deleteIfExists(folder.resolve(old.name()))) {
                deleted.add(old.name());
            }
        }
        // Left behind by a backup that was interrupted (the service stopped during VACUUM INTO).
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path stale : entries.filter(f -> f.getFileName().toString().endsWith(PARTIAL_SUFFIX)).toList()) {
                Files.deleteIfExists(stale);
            }
        }
        if (!deleted.isEmpty()) {
            Log.infof("Deleted %d old backup(s), keeping the newest %d: %s", deleted.size(), keep, deleted);
        }
        return deleted;
    }

    private void createFolder() throws IOException {
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER));
        }
    }

    /** Opens the copy read-only, as a restore would, and asks SQLite whether it is sound. */
    static String quickCheck(Path copy) throws SQLException {
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + copy, readOnly.toProperties());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA quick_check")) {
            List<String> answer = new ArrayList<>();
            while (rows.next()) {
                answer.add(rows.getString(1));
            }
            return String.join("; ", answer);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            Log.warnf("Could not delete the unfinished backup %s: %s", file, e.getMessage());
        }
    }

    /** The copy could not be made, stored or verified: a 500 that says why (the log has the stack trace). */
    public static class BackupFailedException extends ApiException {
        BackupFailedException(String detail, Exception cause) {
            super(500, "Internal Server Error", detail, null);
            if (cause != null) {
                initCause(cause);
            }
        }
    }
}
