package dev.reminderstore.db;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.persistence.OptimisticLockException;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.hibernate.StaleStateException;

/**
 * Queues the writer (on SQLite) and then runs the method in a transaction; see {@link WriteTransaction}.
 *
 * <p>On PostgreSQL writers run side by side, here and in other instances, so two of them can change the same row:
 * the later one then fails its version check, or the server aborts it (serialization failure, deadlock). The whole
 * transaction is run again, a few times, as SQLite's queue would have run it after the other one. Only the
 * outermost write method retries; a joined one leaves it to its caller.
 */
@WriteTransaction
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class WriteTransactionInterceptor {

    static final int ATTEMPTS = 10;
    /** PostgreSQL's serialization_failure and deadlock_detected. */
    private static final Set<String> RETRYABLE_SQL_STATES = Set.of("40001", "40P01");

    @Inject
    WriteQueue writeQueue;

    @Inject
    StorageFaultMonitor storage;

    @AroundInvoke
    Object inTransaction(InvocationContext context) throws Exception {
        boolean outermost = !QuarkusTransaction.isActive();
        boolean mayRetry = outermost && !writeQueue.isSingleWriter();
        for (int attempt = 1; ; attempt++) {
            try {
                Object result = writeQueue.serialize(deadline -> QuarkusTransaction.joiningExisting().call(() -> {
                    if (outermost) {
                        writeQueue.lockDatabase(deadline); // before any statement: all of it runs, or none
                    }
                    return context.proceed();
                }));
                if (outermost) {
                    storage.writeSucceeded(); // committed
                }
                return result;
            } catch (RuntimeException e) {
                storage.writeFailed(e);
                if (!mayRetry || attempt == ATTEMPTS || !isConcurrentChange(e)) {
                    throw e;
                }
                Log.debugf("%s met a concurrent change (attempt %d of %d), running it again: %s",
                        context.getMethod().getName(), attempt, ATTEMPTS, e);
                Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L * attempt));
            }
        }
    }

    static boolean isConcurrentChange(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof OptimisticLockException || cause instanceof StaleStateException
                    || cause instanceof SQLException sql && sql.getSQLState() != null
                    && RETRYABLE_SQL_STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
