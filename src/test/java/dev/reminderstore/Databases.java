package dev.reminderstore;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.condition.DisabledIf;

/** Which database the suite runs on: SQLite by default, PostgreSQL under the Maven profile {@code postgresql}. */
public final class Databases {

    private Databases() {
    }

    /** The build-time database kind, as the Maven profile hands it to the test JVM. */
    public static String kind() {
        return System.getProperty("quarkus.datasource.db-kind", "sqlite");
    }

    public static boolean isPostgresql() {
        return "postgresql".equals(kind());
    }

    public static boolean isSqlite() {
        return "sqlite".equals(kind());
    }

    /** A test of something only the embedded SQLite file has (pragmas, WAL, VACUUM INTO backups, file sizes). */
    @Target({ElementType.TYPE, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @DisabledIf(value = "dev.reminderstore.Databases#isPostgresql",
            disabledReason = "SQLite only: pragmas, WAL, VACUUM INTO and file sizes do not exist on PostgreSQL")
    public @interface SqliteOnly {
    }

    /** A test of the PostgreSQL configuration (row locks shared by several instances); skipped on SQLite. */
    @Target({ElementType.TYPE, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @DisabledIf(value = "dev.reminderstore.Databases#isSqlite",
            disabledReason = "PostgreSQL only: run with ./mvnw verify -Ppostgresql")
    public @interface PostgresqlOnly {
    }
}
