package dev.reminderstore.admin;

import dev.reminderstore.api.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Where the SQLite database lives on disk: its file and its WAL; nothing when the database is in memory or a server. */
@ApplicationScoped
public class DatabaseFiles {

    private static final String SQLITE_URL_PREFIX = "jdbc:sqlite:";

    private final boolean sqlite;
    private final Optional<Path> database;

    public DatabaseFiles(@ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind,
                         @ConfigProperty(name = "quarkus.datasource.jdbc.url") Optional<String> jdbcUrl) {
        this.sqlite = "sqlite".equals(dbKind);
        this.database = sqlite ? jdbcUrl.flatMap(DatabaseFiles::fileOf) : Optional.empty();
    }

    /** The file of a SQLite JDBC URL ({@code jdbc:sqlite:path?pragmas}); empty for an in-memory database. */
    static Optional<Path> fileOf(String jdbcUrl) {
        if (!jdbcUrl.startsWith(SQLITE_URL_PREFIX)) {
            return Optional.empty();
        }
        String name = jdbcUrl.substring(SQLITE_URL_PREFIX.length());
        int query = name.indexOf('?');
        boolean inMemory = query >= 0 && name.substring(query).contains("mode=memory");
        name = query >= 0 ? name.substring(0, query) : name;
        name = name.startsWith("file:") ? name.substring("file:".length()) : name;
        if (inMemory || name.isEmpty() || name.equals(":memory:")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(name).toAbsolutePath());
    }

    public boolean isSqlite() {
        return sqlite;
    }

    /** The SQLite file; empty in memory (TEST_MODE) and on a database server. */
    public Optional<Path> database() {
        return database;
    }

    public Optional<Path> wal() {
        return database.map(file -> file.resolveSibling(file.getFileName() + "-wal"));
    }

    /** The size of a file in bytes; 0 when it does not exist (a WAL after a truncating checkpoint). */
    public static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    public Optional<Long> databaseBytes() {
        return database().map(DatabaseFiles::sizeOf);
    }

    public Optional<Long> walBytes() {
        return wal().map(DatabaseFiles::sizeOf);
    }

    /**
     * Backups, optimizing and integrity checks work on the SQLite file; on PostgreSQL the server's own tools do
     * this work, named in the 501 answer.
     */
    public void requireSqlite(String operation, String postgresqlTool) {
        if (!sqlite) {
            throw new ApiException(501, "Not Implemented",
                    operation + " is not available on PostgreSQL: use " + postgresqlTool, null);
        }
    }
}
