package dev.reminderstore.admin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import org.flywaydb.core.Flyway;

/** The restore steps of docs/operations.md, done by a test. */
final class RestoreProcedure {

    private RestoreProcedure() {
    }

    /** Steps 2 and 3: remove the old database with its -wal and -shm files, copy the backup in its place. */
    static Path restore(Path backup, Path database) throws Exception {
        Files.createDirectories(database.getParent());
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(database.resolveSibling(database.getFileName() + suffix));
        }
        Files.copy(backup, database, StandardCopyOption.REPLACE_EXISTING);
        return database;
    }

    /** What the service does first when it starts on the file: Flyway validates and applies the missing migrations. */
    static int migrationsRunAtStart(Path database) {
        return Flyway.configure().dataSource(url(database), null, null)
                .locations("classpath:db/migration", "classpath:db/sqlite").load().migrate().migrationsExecuted;
    }

    static Optional<String> guildName(Path database, long guildId) throws Exception {
        try (Connection connection = DriverManager.getConnection(url(database));
             PreparedStatement query = connection.prepareStatement("SELECT name FROM guild WHERE guild_id = ?")) {
            query.setLong(1, guildId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        }
    }

    private static String url(Path database) {
        return "jdbc:sqlite:" + database.toAbsolutePath() + "?journal_mode=WAL&foreign_keys=true";
    }
}
