package dev.reminderstore.db;

import dev.reminderstore.config.StoreConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The SQLite writers' turn: first the in-process queue, a fair lock, so writers go in arrival order and none starves;
 * then SQLite's own write lock, which something outside the service (an operator's sqlite3, a second process) may
 * hold. A writer waits for both within one limit, {@code reminder.write-timeout}, and then fails with
 * {@link StoreBusyException} before it has run a statement. On a database server (PostgreSQL) it lets every writer
 * through; the server orders them itself.
 *
 * <p>Meters: {@code store.write.waits} counts the writers that found a lock taken and had to wait,
 * {@code store.write.timeouts} those that gave up; each by {@code lock}, {@code queue} or {@code database}.
 */
@ApplicationScoped
public class WriteQueue {

    static final String QUEUE_BUSY = "the database is busy with other writes; try again shortly";
    static final String DATABASE_LOCKED =
            "the database file is locked by another writer (another process or connection); try again shortly";

    /**
     * A write that changes nothing. The pool begins its transactions DEFERRED (readers must not take the write lock);
     * a write transaction runs this first, and SQLite takes its write lock for it as BEGIN IMMEDIATE would.
     */
    static final String TAKE_WRITE_LOCK_SQL = "update guild set name = name where 0";

    /** A writer's turn, and the time ({@link System#nanoTime()}) by which it must have SQLite's lock. */
    @FunctionalInterface
    public interface Turn<T> {
        T run(long deadlineNanos) throws Exception;
    }

    private final ReentrantLock lock = new ReentrantLock(true);
    private final boolean singleWriter;
    private final long timeoutNanos;
    private final Counter queueWaits;
    private final Counter queueTimeouts;
    private final Counter databaseWaits;
    private final Counter databaseTimeouts;

    public WriteQueue(@ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind, StoreConfig config,
                      MeterRegistry registry) {
        this.singleWriter = "sqlite".equals(dbKind);
        this.timeoutNanos = config.writeTimeout().toNanos();
        this.queueWaits = counter(registry, "store.write.waits", "queue", "Writers that waited for the in-process queue");
        this.queueTimeouts = counter(registry, "store.write.timeouts", "queue",
                "Writers that gave up waiting for the in-process queue (503)");
        this.databaseWaits = counter(registry, "store.write.waits", "database",
                "Writers that waited for SQLite's write lock, held outside the service");
        this.databaseTimeouts = counter(registry, "store.write.timeouts", "database",
                "Writers that gave up waiting for SQLite's write lock (503)");
    }

    private static Counter counter(MeterRegistry registry, String name, String lock, String description) {
        return Counter.builder(name).tag("lock", lock).description(description).register(registry);
    }

    /** Runs the work while holding the writer's place; re-entrant, so nested write methods join the outer one. */
    public <T> T serialize(Callable<T> work) throws Exception {
        return serialize(deadline -> work.call());
    }

    /** As {@link #serialize(Callable)}; the work learns how long it may still wait for SQLite's lock. */
    public <T> T serialize(Turn<T> work) throws Exception {
        long deadline = System.nanoTime() + timeoutNanos;
        if (!singleWriter) {
            return work.run(deadline);
        }
        if (!lock.tryLock()) {
            queueWaits.increment();
            if (!lock.tryLock(timeoutNanos, TimeUnit.NANOSECONDS)) {
                queueTimeouts.increment();
                throw new StoreBusyException(QUEUE_BUSY);
            }
        }
        try {
            return work.run(deadline);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes SQLite's write lock for the current transaction, waiting for it until the deadline; the first thing a
     * write transaction does on SQLite. Nothing to do on PostgreSQL.
     *
     * @throws StoreBusyException when another writer still holds it at the deadline; the transaction has run nothing
     */
    public void lockDatabase(long deadlineNanos) {
        if (!singleWriter) {
            return;
        }
        Jdbc.inTransaction(connection -> {
            SQLiteConnection sqlite = connection.unwrap(SQLiteConnection.class);
            int configuredWait = sqlite.getBusyTimeout();
            try (Statement statement = connection.createStatement()) {
                sqlite.setBusyTimeout(0);
                if (tookWriteLock(statement)) {
                    return null;
                }
                databaseWaits.increment();
                sqlite.setBusyTimeout((int) Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
                if (tookWriteLock(statement)) {
                    return null;
                }
                databaseTimeouts.increment();
                throw new StoreBusyException(DATABASE_LOCKED);
            } finally {
                sqlite.setBusyTimeout(configuredWait);
            }
        });
    }

    private static boolean tookWriteLock(Statement statement) throws SQLException {
        try {
            statement.executeUpdate(TAKE_WRITE_LOCK_SQL);
            return true;
        } catch (SQLiteException e) {
            if (e.getErrorCode() == SQLiteErrorCode.SQLITE_BUSY.code) { // the primary code: no extended BUSY applies here
                return false;
            }
            throw e;
        }
    }

    public boolean isSingleWriter() {
        return singleWriter;
    }
}
