package dev.reminderstore.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.JDBC;

/** The database holds the guilds' members and answers: only the service's user may read its files. */
class DatabaseFileModesTest {

    @TempDir
    Path temp;

    @Test
    void aNewDatabaseItsWalAndSharedMemoryAreTheOwnersOnlyInAFolderOfTheOwnersOnly() throws Exception {
        Path file = temp.resolve("data/nested/reminder-store.db");
        SqliteConfigSourceFactory.createPrivately(file);
        // the driver itself: DriverManager may know only the copy a Quarkus test's class loader registered
        try (Connection connection = new JDBC().connect("jdbc:sqlite:" + file + "?journal_mode=WAL", new Properties());
             Statement statement = connection.createStatement()) {
            statement.execute("create table t (x)");
            statement.execute("insert into t values (1)");
            assertThat(mode(file.resolveSibling("reminder-store.db-wal"))).isEqualTo("rw-------");
            assertThat(mode(file.resolveSibling("reminder-store.db-shm"))).isEqualTo("rw-------");
        }
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(mode(temp.resolve("data/nested"))).isEqualTo("rwx------");
        assertThat(mode(temp.resolve("data"))).isEqualTo("rwx------");
    }

    @Test
    void anExistingFileKeepsItsMode() throws Exception {
        Path file = Files.createFile(temp.resolve("shared.db"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")));
        SqliteConfigSourceFactory.createPrivately(file);
        assertThat(mode(file)).isEqualTo("rw-r-----");
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
