package dev.reminderstore.health;

import dev.reminderstore.config.StoreConfig;
import io.agroal.api.AgroalDataSource;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the health checks' queries on a pooled connection with a time limit, so that a probe answers in time even
 * when the database hangs or the pool has no free connection. The work runs on a few threads of its own; a query
 * that is still hanging keeps its thread, and once they are all taken the probe fails at once.
 */
@ApplicationScoped
public class DatabaseProbe {

    private static final int MAX_HANGING_PROBES = 4;

    @FunctionalInterface
    public interface Query<T> {
        T run(Connection connection) throws Exception;
    }

    /** The answer of a probe: a value and the time it took, or why there is none. */
    public record Outcome<T>(T value, long latencyMillis, String error) {
        public boolean answered() {
            return error == null;
        }
    }

    private final AgroalDataSource dataSource;
    private final Duration timeout;
    private final ThreadPoolExecutor executor;

    public DatabaseProbe(AgroalDataSource dataSource, StoreConfig config) {
        this.dataSource = dataSource;
        this.timeout = config.health().databaseTimeout();
        this.executor = new ThreadPoolExecutor(0, MAX_HANGING_PROBES, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), work -> {
            Thread thread = new Thread(work, "database-probe");
            thread.setDaemon(true);
            return thread;
        });
    }

    public <T> Outcome<T> run(Query<T> query) {
        long start = System.nanoTime();
        Future<T> answer;
        try {
            answer = executor.submit(() -> {
                try (Connection connection = dataSource.getConnection()) {
                    return query.run(connection);
                }
            });
        } catch (RejectedExecutionException e) {
            return new Outcome<>(null, 0, "earlier probes are still waiting for the database");
        }
        try {
            T value = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Outcome<>(value, elapsedMillis(start), null);
        } catch (TimeoutException e) {
            answer.cancel(true);
            return new Outcome<>(null, elapsedMillis(start), "no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            return new Outcome<>(null, elapsedMillis(start), String.valueOf(e.getCause().getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome<>(null, elapsedMillis(start), "interrupted");
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    private static long elapsedMillis(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
