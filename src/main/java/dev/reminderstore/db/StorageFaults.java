package dev.reminderstore.db;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Recognises the failures of the storage under SQLite (read-only file, full disk, file that cannot be opened, I/O
 * error), wherever Hibernate or the transaction manager wrapped them: the service cannot fix these, an operator must.
 */
public final class StorageFaults {

    private StorageFaults() {
    }

    /**
     * What is wrong with the storage, in SQLite's words, when a storage fault caused this failure. Looks through the
     * causes and the suppressed exceptions: a failed commit reaches the caller as a rollback that carries the driver's
     * exception only as a suppressed one (the transaction manager's XAException).
     */
    public static Optional<String> describe(Throwable failure) {
        return describe(failure, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static Optional<String> describe(Throwable failure, Set<Throwable> seen) {
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause instanceof SQLiteException sqlite && isStorageFault(sqlite.getErrorCode())) {
                SQLiteErrorCode code = sqlite.getResultCode();
                return Optional.of(code.name() + " (" + code.message + ")");
            }
            for (Throwable suppressed : cause.getSuppressed()) {
                Optional<String> found = describe(suppressed, seen);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** Compares primary result codes: the extended ones (SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED...) share them. */
    private static boolean isStorageFault(int primaryCode) {
        return primaryCode == SQLiteErrorCode.SQLITE_READONLY.code
                || primaryCode == SQLiteErrorCode.SQLITE_FULL.code
                || primaryCode == SQLiteErrorCode.SQLITE_CANTOPEN.code
                || primaryCode == SQLiteErrorCode.SQLITE_IOERR.code;
    }
}
