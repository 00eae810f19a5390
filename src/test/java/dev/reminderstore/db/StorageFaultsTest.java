package dev.reminderstore.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reminderstore.api.Problem;
import dev.reminderstore.api.ProblemMappers;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

class StorageFaultsTest {

    @ParameterizedTest
    @EnumSource(value = SQLiteErrorCode.class, names = {"SQLITE_READONLY", "SQLITE_READONLY_DBMOVED", "SQLITE_FULL",
        "SQLITE_CANTOPEN", "SQLITE_IOERR", "SQLITE_IOERR_WRITE", "SQLITE_IOERR_FSYNC"})
    void storageFaultsAre503WhereverTheyAreWrapped(SQLiteErrorCode code) {
        RuntimeException wrapped = new PersistenceException("could not execute statement",
                new RuntimeException(new SQLiteException("[" + code.name() + "] " + code.message, code)));

        assertThat(StorageFaults.describe(wrapped)).contains(code.name() + " (" + code.message + ")");
        Response response = new ProblemMappers().unexpected(wrapped);
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(((Problem) response.getEntity()).detail())
                .isEqualTo("the database cannot be written: " + code.name() + " (" + code.message + "); an operator must fix the storage");
    }

    @ParameterizedTest
    @EnumSource(value = SQLiteErrorCode.class, names = {"SQLITE_BUSY", "SQLITE_CONSTRAINT", "SQLITE_ERROR", "SQLITE_LOCKED"})
    void otherDatabaseErrorsAreNoStorageFault(SQLiteErrorCode code) {
        RuntimeException wrapped = new PersistenceException(new SQLiteException(code.message, code));

        assertThat(StorageFaults.describe(wrapped)).isEmpty();
        assertThat(new ProblemMappers().unexpected(wrapped).getStatus()).isEqualTo(500);
    }

    /** A commit that fails on the disk: the driver's exception is suppressed under the transaction manager's. */
    @Test
    void storageFaultOfAFailedCommitIsFoundAmongSuppressedExceptions() {
        SQLiteErrorCode code = SQLiteErrorCode.SQLITE_IOERR_WRITE;
        RuntimeException rollback = new IllegalStateException("Could not commit transaction");
        rollback.addSuppressed(new IllegalStateException("onePhaseCommit failed",
                new SQLiteException("[" + code.name() + "] " + code.message, code)));

        assertThat(StorageFaults.describe(new RuntimeException(rollback))).contains(code.name() + " (" + code.message + ")");
    }
}
