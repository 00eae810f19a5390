package dev.reminderstore.db;

import dev.reminderstore.config.StoreConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.annotations.RegisterForProxy;
import jakarta.inject.Singleton;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logging.Logger.Level;

/**
 * Statements slower than {@code SLOW_QUERY_MS}: Hibernate logs its own
 * ({@code quarkus.hibernate-orm.log.queries-slower-than-ms}, logger {@code org.hibernate.SQL_SLOW}), this class logs
 * the plain-JDBC ones in the same words, and counts both in {@code reminderstore.slow.queries}. 0 turns both off, as it
 * does Hibernate's. The SQL is logged as
 * prepared, with its {@code ?} placeholders: values never reach the log.
 */
@RegisterForProxy(targets = Connection.class) // the proxies of timed(), for a native image
@RegisterForProxy(targets = Statement.class)
@RegisterForProxy(targets = PreparedStatement.class)
@RegisterForProxy(targets = CallableStatement.class)
@Startup // counts Hibernate's slow statements from the first one on
@Singleton
public class SlowQueries {

    static final String HIBERNATE_LOGGER = "org.hibernate.SQL_SLOW";
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(SlowQueries.class);
    private static final Set<String> EXECUTIONS = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate",
            "executeBatch", "executeLargeBatch");

    private final long thresholdMillis;
    private final Counter jdbc;
    // held here: java.util.logging keeps loggers only weakly, and the handler must live as long as the service
    private final Logger hibernateLogger = Logger.getLogger(HIBERNATE_LOGGER);

    SlowQueries(StoreConfig config, MeterRegistry registry) {
        this.thresholdMillis = config.slowQueryMs();
        this.jdbc = counter(registry, "jdbc");
        Counter hibernate = counter(registry, "hibernate");
        hibernateLogger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                hibernate.increment();
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    /** The bean, for the static helpers of this package ({@link Jdbc}). */
    static SlowQueries get() {
        return Arc.container().instance(SlowQueries.class).get();
    }

    /** {@code connection}, with each statement it prepares or creates timed by {@link #record}. */
    public Connection timed(Connection connection) {
        return wrap(Connection.class, (proxy, method, args) -> {
            Object result = invoke(connection, method, args);
            if (result instanceof Statement statement) {
                String sql = method.getName().startsWith("prepare") ? (String) args[0] : null;
                return timed(method.getReturnType(), statement, sql);
            }
            return result;
        });
    }

    private <T> T timed(Class<T> type, Statement statement, String preparedSql) {
        return wrap(type, (proxy, method, args) -> {
            if (!EXECUTIONS.contains(method.getName())) {
                return invoke(statement, method, args);
            }
            long start = System.nanoTime();
            try {
                return invoke(statement, method, args);
            } finally {
                // a plain Statement's SQL comes with the call; the code here passes only constant SQL to those
                record(preparedSql != null ? preparedSql : args == null || args.length == 0 ? "(batch)" : (String) args[0], start);
            }
        });
    }

    /** Logs and counts the statement {@code sql} begun at {@code startNanos} if it took longer than the threshold. */
    public void record(String sql, long startNanos) {
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        if (thresholdMillis > 0 && millis > thresholdMillis) {
            jdbc.increment();
            LOG.logf(Level.INFO, "Slow query took %d milliseconds [%s]", millis, sql);
        }
    }

    private static Counter counter(MeterRegistry registry, String source) {
        return Counter.builder("reminderstore.slow.queries").tag("source", source)
                .description("Statements slower than SLOW_QUERY_MS, by who ran them (hibernate, jdbc)").register(registry);
    }

    private static <T> T wrap(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(SlowQueries.class.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
