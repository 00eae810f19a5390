package dev.reminderstore.migration;

import dev.reminderstore.config.StoreConfig;
import dev.reminderstore.config.TimeSource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * At start, imports the old bot's file into a store that holds no events, then keeps the file safe: a copy in the
 * backup folder (mode 0600) and the original renamed {@code <name>.migrated-<time>}, so that it is never imported twice.
 * Runs before the service reports itself started; a failed import is logged and the service starts anyway.
 */
@ApplicationScoped
public class LegacyAutoMigration {

    static final String OLDEST_FILE_NAME = "watched_matches.json";

    private final StoreConfig config;
    private final LegacyMigration migration;
    private final AgroalDataSource dataSource;
    private final TimeSource time;

    public LegacyAutoMigration(StoreConfig config, LegacyMigration migration, AgroalDataSource dataSource, TimeSource time) {
        this.config = config;
        this.migration = migration;
        this.dataSource = dataSource;
        this.time = time;
    }

    void onStart(@Observes StartupEvent start) {
        if (config.migration().autoMigrate()) {
            run();
        }
    }

    /** @return the report of the import, empty when there was nothing to import or it failed */
    Optional<MigrationReport> run() {
        Optional<Path> found = legacyFile();
        if (found.isEmpty()) {
            Log.debugf("No legacy file at %s: nothing to migrate", config.migration().legacyJsonPath());
            return Optional.empty();
        }
        Path file = found.get();
        try {
            if (holdsEvents()) {
                Log.infof("Legacy file %s not imported: the database holds events already (rename or remove the file"
                        + " to silence this message; POST /api/v1/admin/migrate imports into a store in use)", file);
                return Optional.empty();
            }
        } catch (SQLException e) {
            Log.errorf("Legacy file %s not imported: the database cannot be read: %s", file, e.getMessage());
            return Optional.empty();
        }
        Log.infof("Importing legacy file %s", file);
        MigrationReport report;
        try (InputStream in = Files.newInputStream(file)) {
            report = migration.migrate(in, file.getFileName().toString());
        } catch (IOException | RuntimeException e) {
            Log.errorf("Legacy file %s not imported, the database is unchanged: %s. Fix the file and restart, or POST it"
                    + " to /api/v1/admin/migrate?dryRun=true to see what is wrong.", file, e.getMessage());
            return Optional.empty();
        }
        report.skipped().forEach(note -> Log.warnf("Legacy entry %s skipped: %s", note.key(), note.reason()));
        report.adjusted().forEach(note -> Log.infof("Legacy entry %s adjusted: %s", note.key(), note.reason()));
        keepSafe(file);
        return Optional.of(report);
    }

    /** LEGACY_JSON_PATH, or else the oldest format's file beside it. */
    Optional<Path> legacyFile() {
        Path configured = Path.of(config.migration().legacyJsonPath());
        if (Files.isRegularFile(configured)) {
            return Optional.of(configured);
        }
        Path oldest = configured.resolveSibling(OLDEST_FILE_NAME);
        return Files.isRegularFile(oldest) ? Optional.of(oldest) : Optional.empty();
    }

    private boolean holdsEvents() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select id from event limit 1");
             ResultSet rows = select.executeQuery()) {
            return rows.next();
        }
    }

    private void keepSafe(Path file) {
        String stamp = MigrationResource.FILE_STAMP.format(time.now());
        String name = file.getFileName().toString();
        if (config.migration().backupJson()) {
            Path folder = Path.of(config.backup().dir());
            Path copy = folder.resolve(name.replaceFirst("\\.json$", "") + "-" + stamp + ".json");
            try {
                Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                try (OutputStream out = Files.newOutputStream(Files.createFile(copy, ownerOnly()))) {
                    Files.copy(file, out);
                }
                Log.infof("Copied legacy file %s to %s", file, copy);
            } catch (IOException e) {
                Log.errorf("Legacy file %s was imported but could not be copied to %s: %s; the original is kept", file, copy, e);
            }
        }
        Path renamed = file.resolveSibling(name + ".migrated-" + stamp);
        try {
            Files.move(file, renamed);
            Log.infof("Renamed legacy file %s to %s, so that it is not imported again", file, renamed);
        } catch (IOException e) {
            Log.errorf("Legacy file %s was imported but could not be renamed: %s. It will not be imported again while"
                    + " the database holds events; move it away yourself.", file, e);
        }
    }

    /** rw------- where the file system knows POSIX permissions. */
    private static FileAttribute<?>[] ownerOnly() {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
    }
}
