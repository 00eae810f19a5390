package dev.reminderstore.db;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Point reads in plain JDBC with prepared statements kept per connection, for the hottest GETs.
 *
 * <p>Why: neither sqlite-jdbc nor the Agroal pool keeps prepared statements, so every query through Hibernate
 * compiles its SQL again, which costs SQLite as much as running the point lookup itself, and Hibernate's result
 * handling costs as much again. A statement is kept on the physical connection under the pool's wrapper
 * ({@link StatementCache}); the pool lends a connection to one thread at a time, so its statements are used by one
 * thread at a time too. When the pool destroys a connection, its statements go with it.
 *
 * <p>Reads run in autocommit on a connection of their own: they see committed data only, so they are for request
 * handlers that read outside any write transaction.
 */
@ApplicationScoped
public class CachedReads {

    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private final AgroalDataSource dataSource;
    private final StatementCache statements;
    private final SlowQueries slowQueries;

    public CachedReads(AgroalDataSource dataSource, StatementCache statements, SlowQueries slowQueries) {
        this.dataSource = dataSource;
        this.statements = statements;
        this.slowQueries = slowQueries;
    }

    @FunctionalInterface
    public interface RowsReader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    /** The first row the query finds, read by {@code reader}; empty when it finds none. */
    public <T> Optional<T> first(String sql, Binder binder, RowReader<T> reader) {
        return query(sql, binder, rows -> rows.next() ? Optional.of(reader.read(rows)) : Optional.empty());
    }

    /** Every row the query finds, read by {@code reader}. */
    public <T> T query(String sql, Binder binder, RowsReader<T> reader) {
        try (Connection pooled = dataSource.getConnection()) {
            PreparedStatement statement = statements.prepared(pooled.unwrap(Connection.class), sql);
            binder.bind(statement);
            long start = System.nanoTime();
            try (ResultSet rows = statement.executeQuery()) {
                return reader.read(rows);
            } finally {
                slowQueries.record(sql, start);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not run " + sql + ": " + e.getMessage(), e);
        }
    }
}
