package dev.reminderstore.db;

import dev.reminderstore.Databases.SqliteOnly;
import dev.reminderstore.event.Attendance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@SqliteOnly
class SqliteSetupTest {

    private static final int CONNECTIONS = 8;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void everyPooledConnectionHasThePragmas() throws SQLException {
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < CONNECTIONS; i++) {
                held.add(dataSource.getConnection());
            }
            for (Connection connection : held) {
                assertThat(pragmas(connection)).containsExactly(
                        Map.entry("journal_mode", "wal"),
                        Map.entry("foreign_keys", "1"),
                        Map.entry("busy_timeout", "10000"),
                        // 64 MiB for the service, 8 MiB for each of the 8 pooled connections
                        Map.entry("cache_size", "-8192"),
                        Map.entry("synchronous", "1"),
                        Map.entry("temp_store", "2"));
            }
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
    }

    @Test
    void cacheBudgetIsSharedOutBetweenTheConnections() {
        assertThat(SqliteConfigSourceFactory.cacheSizePragma(64, 8)).isEqualTo(-8192);
        assertThat(SqliteConfigSourceFactory.cacheSizePragma(64, 1)).isEqualTo(-65536);
        assertThat(SqliteConfigSourceFactory.cacheSizePragma(10, 3)).isEqualTo(-3413);
        assertThat(SqliteConfigSourceFactory.cacheSizePragma(1, 4096)).isEqualTo(-1);
        assertThatThrownBy(() -> SqliteConfigSourceFactory.cacheSizePragma(0, 8))
                .hasMessage("SQLITE_CACHE_MIB and the pool size must be at least 1, not 0 and 8");
    }

    @Test
    void theStatusQueryIsIndexSearchesOnly() throws SQLException {
        String plan = plan(Attendance.sql(2).replace("?", "1"));
        // the answers' count walks the event's answers, and no table is read in full
        assertThat(plan).contains("SEARCH r USING INDEX sqlite_autoindex_reaction_1 (event_id=?)")
                .contains("SEARCH u USING COVERING INDEX user_guild_bot_user_idx (guild_id=? AND is_bot=? AND user_id=?)")
                .contains("SEARCH u USING COVERING INDEX user_guild_bot_user_idx (guild_id=? AND is_bot=? AND user_id>?)")
                .doesNotContainPattern("SCAN (u|r|user|reaction)\\b");
    }

    @Test
    void dueSearchUsesTheNextReminderIndex() throws SQLException {
        assertThat(plan("select id from event where next_reminder_at <= 1795600800000 order by next_reminder_at limit 500"))
                .contains("INDEX event_next_reminder_at_idx");
    }

    private String plan(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet plan = statement.executeQuery("explain query plan " + sql)) {
            StringBuilder text = new StringBuilder();
            while (plan.next()) {
                text.append(plan.getString("detail")).append('\n');
            }
            return text.toString();
        }
    }

    private static Map<String, String> pragmas(Connection connection) throws SQLException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pragma : List.of("journal_mode", "foreign_keys", "busy_timeout", "cache_size", "synchronous", "temp_store")) {
            try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery("pragma " + pragma)) {
                result.next();
                values.put(pragma, result.getString(1));
            }
        }
        return values;
    }
}
