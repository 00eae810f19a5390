package dev.reminderstore.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reminderstore.Databases.SqliteOnly;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SQLITE_CACHE_MIB and the pool size set the page cache of each connection: here 12 MiB over 3 connections. */
@QuarkusTest
@SqliteOnly
@TestProfile(SqliteCacheBudgetTest.SmallBudget.class)
class SqliteCacheBudgetTest {

    public static final class SmallBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("reminder.sqlite-cache-mib", "12", "quarkus.datasource.jdbc.max-size", "3");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Test
    void eachConnectionGetsItsShareOfTheBudget() throws SQLException {
        assertThat(dataSource.getConfiguration().connectionPoolConfiguration().maxSize()).isEqualTo(3);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("pragma cache_size")) {
            result.next();
            assertThat(result.getString(1)).isEqualTo("-4096");
        }
    }
}
