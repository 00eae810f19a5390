package dev.reminderstore.db;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Derives the SQLite datasource settings from {@code DATABASE_PATH} and {@code TEST_MODE}.
 *
 * <p>It supplies the JDBC URL and the pragmas that every pooled connection must get; sqlite-jdbc applies
 * driver properties on each connection it opens, which a multi-statement init SQL would not. Its ordinal is
 * below application.properties and the environment, so an explicit {@code QUARKUS_DATASOURCE_JDBC_URL} wins.
 * It creates the database folder (0700) and file (0600) here because Flyway opens the first connection before any
 * bean starts.
 *
 * <p>Memory: {@code SQLITE_CACHE_MIB} (default 64) is the page cache of the whole service, off the heap, shared out
 * evenly between the pooled connections, since each connection keeps a cache of its own. The pool holds
 * {@value #POOL_SIZE} connections by default ({@code QUARKUS_DATASOURCE_JDBC_MAX_SIZE} overrides; docs/operations.md
 * says why 8 on two cores).
 */
public class SqliteConfigSourceFactory implements ConfigSourceFactory {

    static final String IN_MEMORY_URL = "jdbc:sqlite:file:reminder-store?mode=memory&cache=shared";
    private static final int ORDINAL = 200;
    private static final String PROPS = "quarkus.datasource.jdbc.additional-jdbc-properties.";
    static final int POOL_SIZE = 8;
    static final int CACHE_MIB = 64;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (!"sqlite".equals(value(context, "quarkus.datasource.db-kind", "sqlite"))) {
            return List.of();
        }
        Map<String, String> settings = new HashMap<>();
        settings.put(PROPS + "journal_mode", "WAL");
        settings.put(PROPS + "foreign_keys", "true");
        // Statements outside write transactions (checkpoints, VACUUM) wait for SQLite's lock as long as writers do.
        settings.put(PROPS + "busy_timeout", Long.toString(
                DurationConverter.parseDuration(value(context, "reminder.write-timeout", "10s")).toMillis()));
        settings.put(PROPS + "synchronous", "NORMAL");
        settings.put(PROPS + "temp_store", "MEMORY");
        // Transactions begin DEFERRED, so that a reading one (the export) is a WAL reader that never takes the write
        // lock; a write transaction takes it with its first statement, within its time limit (WriteQueue).
        settings.put(PROPS + "transaction_mode", "DEFERRED");
        if (Boolean.parseBoolean(value(context, "reminder.test-mode", "false"))) {
            settings.put("quarkus.datasource.jdbc.url", IN_MEMORY_URL);
            // A shared in-memory database lives as long as one connection does, and has no WAL for concurrent readers.
            settings.put("quarkus.datasource.jdbc.min-size", "1");
            settings.put("quarkus.datasource.jdbc.max-size", "1");
            settings.put(PROPS + "cache_size", Long.toString(cacheSizePragma(context, 1)));
        } else {
            Path file = Path.of(value(context, "reminder.database-path", "data/reminder-store.db"));
            createPrivately(file);
            settings.put("quarkus.datasource.jdbc.url", "jdbc:sqlite:" + file);
            settings.put("quarkus.datasource.jdbc.min-size", "1");
            int poolSize = Integer.parseInt(value(context, "quarkus.datasource.jdbc.max-size", Integer.toString(POOL_SIZE)));
            settings.put("quarkus.datasource.jdbc.max-size", Integer.toString(poolSize));
            settings.put(PROPS + "cache_size", Long.toString(cacheSizePragma(context, poolSize)));
        }
        return List.of(new MapBackedConfigSource("reminder-store sqlite settings", settings, ORDINAL) {});
    }

    /**
     * PRAGMA cache_size of one connection: its share of the total budget, in KiB (a negative cache_size counts KiB,
     * a positive one pages).
     */
    static long cacheSizePragma(ConfigSourceContext context, int connections) {
        return cacheSizePragma(Long.parseLong(value(context, "reminder.sqlite-cache-mib", Integer.toString(CACHE_MIB))),
                connections);
    }

    static long cacheSizePragma(long totalMib, int connections) {
        if (totalMib < 1 || connections < 1) {
            throw new IllegalArgumentException("SQLITE_CACHE_MIB and the pool size must be at least 1, not "
                    + totalMib + " and " + connections);
        }
        return -Math.max(1, totalMib * 1024 / connections);
    }

    private static String value(ConfigSourceContext context, String name, String fallback) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null ? fallback : value.getValue();
    }

    /**
     * Creates the database's folder (0700) and an empty database file (0600) when they do not exist; SQLite gives its
     * WAL and shared-memory files the mode of the database file. Existing folders and files keep their modes.
     */
    static void createPrivately(Path file) {
        Path folder = file.toAbsolutePath().getParent();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        try {
            if (posix) {
                Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(folder);
            }
            if (posix && Files.notExists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
        } catch (FileAlreadyExistsException e) {
            // another process created it meanwhile: its mode is its creator's choice
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the database folder " + folder + ": " + e.getMessage(), e);
        }
    }
}
