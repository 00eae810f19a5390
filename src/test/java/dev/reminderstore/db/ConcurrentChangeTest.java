package dev.reminderstore.db;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Which failures of a write transaction on PostgreSQL are run again (WriteTransactionInterceptor). */
class ConcurrentChangeTest {

    @Test
    void versionConflictsSerializationFailuresAndDeadlocksAreRetried() {
        assertThat(WriteTransactionInterceptor.isConcurrentChange(new OptimisticLockException("stale"))).isTrue();
        assertThat(WriteTransactionInterceptor.isConcurrentChange(
                new PersistenceException(new SQLException("could not serialize access", "40001")))).isTrue();
        assertThat(WriteTransactionInterceptor.isConcurrentChange(
                new IllegalStateException(new SQLException("deadlock detected", "40P01")))).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(WriteTransactionInterceptor.isConcurrentChange(
                new PersistenceException(new SQLException("duplicate key value", "23505")))).isFalse();
        assertThat(WriteTransactionInterceptor.isConcurrentChange(new IllegalArgumentException("bad"))).isFalse();
    }

    @Test
    void failuresWithoutAnSqlStateAreNot() {
        // the pool's acquisition timeout, and many driver failures, carry no SQLState
        assertThat(WriteTransactionInterceptor.isConcurrentChange(
                new PersistenceException(new SQLException("Sorry, acquisition timeout!")))).isFalse();
    }
}
