package dev.reminderstore.db;

import dev.reminderstore.config.TimeSource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Remembers that a write failed because of the storage (read-only file system, full disk, I/O error; see
 * {@link StorageFaults}) until a write succeeds again. The readiness check reads it: the fault is known the moment a
 * write meets it, and checking it costs nothing while there is none.
 */
@ApplicationScoped
public class StorageFaultMonitor {

    /** The first storage fault of a run of failed writes, and when it was seen. */
    public record Fault(String description, Instant since) {
    }

    private final AtomicReference<Fault> fault = new AtomicReference<>();
    private final TimeSource clock;
    private final AgroalDataSource dataSource;

    public StorageFaultMonitor(TimeSource clock, AgroalDataSource dataSource) {
        this.clock = clock;
        this.dataSource = dataSource;
    }

    /**
     * Notes a failed write and renews the pooled connections; failures that are not storage faults (bad input, a
     * conflict) are ignored.
     */
    public void writeFailed(Throwable failure) {
        StorageFaults.describe(failure).ifPresent(description -> {
            if (fault.compareAndSet(null, new Fault(description, clock.now()))) {
                Log.errorf("Storage fault: %s. Writes answer 503 and readiness is DOWN until a write succeeds again;"
                        + " free disk space or make the database folder writable, the service recovers by itself", description);
            }
            renewConnections();
        });
    }

    /**
     * Closes the pooled connections (those in use once they are given back); new ones are opened as needed. SQLite
     * opens a file it cannot write read-only, and such a connection would stay read-only after the fault is gone.
     */
    public void renewConnections() {
        dataSource.flush(AgroalDataSource.FlushMode.GRACEFUL);
    }

    /** A write reached the disk: any fault noted before is gone. */
    public void writeSucceeded() {
        if (fault.get() == null) {
            return; // every write comes here: the usual case reads the field and writes nothing
        }
        Fault cleared = fault.getAndSet(null);
        if (cleared != null) {
            Log.infof("The database can be written again; the storage fault (%s) lasted %d s", cleared.description(),
                    Duration.between(cleared.since(), clock.now()).toSeconds());
        }
    }

    public Optional<Fault> current() {
        return Optional.ofNullable(fault.get());
    }
}
