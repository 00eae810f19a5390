package dev.reminderstore.db;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The in-process queue of SQLite writers: a fair lock, so writers go in arrival order and none starves.
 * On a database server (PostgreSQL) it lets every writer through; the server orders them itself.
 */
@ApplicationScoped
public class WriteQueue {

    private final ReentrantLock lock = new ReentrantLock(true);
    private final boolean singleWriter;
    private final long timeoutMillis;

    public WriteQueue(@ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind,
                      @ConfigProperty(name = "reminder.write-queue-timeout", defaultValue = "30s") Duration timeout) {
        this.singleWriter = "sqlite".equals(dbKind);
        this.timeoutMillis = timeout.toMillis();
    }

    /** Runs the work while holding the writer's place; re-entrant, so nested write methods join the outer one. */
    public <T> T serialize(Callable<T> work) throws Exception {
        if (!singleWriter) {
            return work.call();
        }
        if (!lock.tryLock(timeoutMillis, TimeUnit.MILLISECONDS)) {
            throw new StoreBusyException("the database is busy with other writes; try again shortly");
        }
        try {
            return work.call();
        } finally {
            lock.unlock();
        }
    }

    public boolean isSingleWriter() {
        return singleWriter;
    }
}
