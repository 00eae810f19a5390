package dev.reminderstore.db;

import static dev.reminderstore.Api.anonymous;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A statement slower than SLOW_QUERY_MS (100 ms by default) is logged once, with placeholders, and counted. */
@QuarkusTest
class SlowQueriesTest {

    /** Counts to ROWS in SQL: some hundreds of milliseconds on SQLite and PostgreSQL alike, with no table. */
    private static final String SLOW_SQL =
            "with recursive n(i) as (select 1 union all select i + 1 from n where i < ?) select count(*) from n";
    private static final int ROWS = 1_000_000;

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record.getLoggerName() + ": "
                    + (record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger hibernate = Logger.getLogger(SlowQueries.HIBERNATE_LOGGER);
    private final Logger jdbc = Logger.getLogger(SlowQueries.class.getName());

    @BeforeEach
    void listen() {
        hibernate.addHandler(capture);
        jdbc.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        hibernate.removeHandler(capture);
        jdbc.removeHandler(capture);
    }

    @Test
    void aSlowPlainJdbcStatementIsLoggedOnceWithItsShapeAndCounted() {
        double before = slowQueries("jdbc");

        long counted = QuarkusTransaction.requiringNew().call(() -> Jdbc.inTransaction(connection -> {
            try (PreparedStatement count = connection.prepareStatement(SLOW_SQL)) {
                count.setInt(1, ROWS);
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        }));

        assertThat(counted).isEqualTo(ROWS);
        assertLoggedOnceAndCounted(SlowQueries.class.getName(), "jdbc", before);
    }

    @Test
    void aSlowHibernateQueryIsLoggedOnceWithItsShapeAndCounted() {
        double before = slowQueries("hibernate");

        Number counted = QuarkusTransaction.requiringNew().call(() -> (Number) Panache.getEntityManager()
                .createNativeQuery(SLOW_SQL.replace("?", ":rows")).setParameter("rows", ROWS).getSingleResult());

        assertThat(counted.longValue()).isEqualTo(ROWS);
        assertLoggedOnceAndCounted(SlowQueries.HIBERNATE_LOGGER, "hibernate", before);
    }

    @Test
    void aFastStatementIsNeitherLoggedNorCounted() {
        double before = slowQueries("jdbc");

        QuarkusTransaction.requiringNew().call(() -> Jdbc.inTransaction(connection -> {
            try (PreparedStatement count = connection.prepareStatement(SLOW_SQL)) {
                count.setInt(1, 10);
                return count.executeQuery().next();
            }
        }));

        assertThat(lines).isEmpty();
        assertThat(slowQueries("jdbc")).isEqualTo(before);
    }

    /** One line from {@code logger}, with the SQL as prepared (never the bound value), and one more in the counter. */
    private void assertLoggedOnceAndCounted(String logger, String source, double before) {
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).matches(Pattern.quote(logger) + ": Slow query took \\d{3,} milliseconds \\["
                + Pattern.quote(SLOW_SQL) + "]").doesNotContain(String.valueOf(ROWS));
        assertThat(slowQueries(source)).isEqualTo(before + 1);
    }

    private static double slowQueries(String source) {
        String metrics = anonymous().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher line = Pattern.compile("(?m)^reminderstore_slow_queries_total\\{source=\"" + source + "\",?} (\\S+)$").matcher(metrics);
        assertThat(line.find()).as("reminderstore_slow_queries_total{source=" + source + "} in\n" + metrics).isTrue();
        return Double.parseDouble(line.group(1));
    }
}
