package dev.reminderstore.db;

import io.quarkus.hibernate.orm.panache.Panache;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import org.hibernate.Session;

/**
 * Plain JDBC on the connection of the current transaction, for bulk work where entity-by-entity writes would
 * cost a round trip each (IDENTITY keys stop Hibernate from batching inserts). Its statements are timed like
 * Hibernate's ({@link SlowQueries}).
 */
public final class Jdbc {

    private Jdbc() {
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    public static <T> T inTransaction(Work<T> work) {
        Session session = Panache.getEntityManager().unwrap(Session.class);
        session.flush();
        SlowQueries slowQueries = SlowQueries.get();
        return session.doReturningWork(connection -> work.run(slowQueries.timed(connection)));
    }

    /** An instant as Hibernate stores it (epoch milliseconds on SQLite, timestamptz on PostgreSQL). */
    public static Timestamp time(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
