package dev.reminderstore.db;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Every connection of the pool, taken at once: a starved pool, or a setting given to each pooled connection. */
public final class PooledConnections implements AutoCloseable {

    private final List<Connection> connections = new ArrayList<>();

    private PooledConnections() {
    }

    public static PooledConnections takeAll(AgroalDataSource dataSource) throws SQLException {
        PooledConnections all = new PooledConnections();
        try {
            int poolSize = dataSource.getConfiguration().connectionPoolConfiguration().maxSize();
            for (int i = 0; i < poolSize; i++) {
                all.connections.add(dataSource.getConnection());
            }
        } catch (SQLException e) {
            all.close();
            throw e;
        }
        return all;
    }

    /** Runs a statement (a per-connection pragma) on every pooled connection. */
    public static void executeOnEach(AgroalDataSource dataSource, String sql) throws SQLException {
        try (PooledConnections all = takeAll(dataSource)) {
            for (Connection connection : all.connections) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(sql);
                }
            }
        }
    }

    public List<Connection> connections() {
        return connections;
    }

    /** Gives them back to the pool. */
    @Override
    public void close() throws SQLException {
        for (Connection connection : connections) {
            connection.close();
        }
    }
}
