package dev.reminderstore.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Replaces a set of rows keyed by one {@code long} (the members of a guild, the answers to an event) with a
 * wanted set, in batched statements: inserts the new keys, updates the kept ones, deletes the rest.
 */
public final class SetReplacement {

    private SetReplacement() {
    }

    /** Binds one row's parameters on a statement. */
    @FunctionalInterface
    public interface Binder<V> {
        void bind(PreparedStatement statement, long key, V value) throws SQLException;
    }

    /** What a replacement changed; {@code total} is the size of the wanted set. Also the API's answer. */
    public record Counts(int added, int updated, int removed, int total) {
    }

    /**
     * @param existingSql selects the keys there are now, with {@code owner} as its one parameter
     * @param deleteSql   deletes one row, with {@code owner} and the key as parameters
     */
    public static <V> Counts replace(Connection connection, long owner, Map<Long, V> wanted, String existingSql,
                                     String insertSql, Binder<V> insertBinder,
                                     String updateSql, Binder<V> updateBinder, String deleteSql) throws SQLException {
        Set<Long> existing = keys(connection, existingSql, owner);
        int added = 0;
        int updated = 0;
        try (PreparedStatement insert = connection.prepareStatement(insertSql);
             PreparedStatement update = connection.prepareStatement(updateSql)) {
            for (Map.Entry<Long, V> row : wanted.entrySet()) {
                boolean kept = existing.contains(row.getKey());
                PreparedStatement statement = kept ? update : insert;
                (kept ? updateBinder : insertBinder).bind(statement, row.getKey(), row.getValue());
                statement.addBatch();
                if (kept) {
                    updated++;
                } else {
                    added++;
                }
            }
            insert.executeBatch();
            update.executeBatch();
        }
        int removed = 0;
        try (PreparedStatement delete = connection.prepareStatement(deleteSql)) {
            for (long key : existing) {
                if (!wanted.containsKey(key)) {
                    delete.setLong(1, owner);
                    delete.setLong(2, key);
                    delete.addBatch();
                    removed++;
                }
            }
            delete.executeBatch();
        }
        return new Counts(added, updated, removed, wanted.size());
    }

    private static Set<Long> keys(Connection connection, String sql, long owner) throws SQLException {
        Set<Long> keys = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setLong(1, owner);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    keys.add(rows.getLong(1));
                }
            }
        }
        return keys;
    }
}
