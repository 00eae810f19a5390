package dev.reminderstore.db;

import io.agroal.api.AgroalPoolInterceptor;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prepared statements kept per physical connection, for {@link CachedReads}; an entry lives exactly as long as its
 * connection in the pool. Agroal tells it when it destroys a connection (pool shrink, flush after a storage fault),
 * and the entry goes then: a cached statement references its connection, so a weak map would keep both forever.
 */
@ApplicationScoped
public class StatementCache implements AgroalPoolInterceptor {

    private final Map<Connection, Map<String, PreparedStatement>> statements = new ConcurrentHashMap<>();

    /** The connection's statement of {@code sql}, prepared on first use. Only the thread the pool lent it to calls this. */
    PreparedStatement prepared(Connection physical, String sql) throws SQLException {
        Map<String, PreparedStatement> byQuery = statements.computeIfAbsent(physical, connection -> new ConcurrentHashMap<>());
        PreparedStatement statement = byQuery.get(sql);
        if (statement == null || statement.isClosed()) {
            statement = physical.prepareStatement(sql);
            byQuery.put(sql, statement);
        }
        return statement;
    }

    /** How many connections have statements kept (for the tests). */
    int connections() {
        return statements.size();
    }

    @Override
    public void onConnectionDestroy(Connection connection) {
        try {
            Map<String, PreparedStatement> gone = statements.remove(connection.unwrap(Connection.class));
            if (gone != null) {
                gone.values().forEach(StatementCache::close);
            }
        } catch (SQLException e) {
            Log.debugf("Cached statements of a destroyed connection: %s", e.getMessage());
        }
        // PostgreSQL's driver refuses to unwrap a connection that is closed already: drop every closed one's entry too.
        statements.entrySet().removeIf(entry -> {
            if (!isClosed(entry.getKey())) {
                return false;
            }
            entry.getValue().values().forEach(StatementCache::close);
            return true;
        });
    }

    private static boolean isClosed(Connection physical) {
        try {
            return physical.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    private static void close(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException e) {
            Log.debugf("Cached statement of a destroyed connection: %s", e.getMessage());
        }
    }
}
