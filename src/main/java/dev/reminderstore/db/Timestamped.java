package dev.reminderstore.db;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** {@code created_at} / {@code updated_at}, kept by the application on every entity write, to the millisecond the database keeps. */
@MappedSuperclass
public abstract class Timestamped extends PanacheEntityBase {

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @PrePersist
    void stampCreation() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        if (createdAt == null) {
            createdAt = now;
        }
        updatedAt = now;
    }

    @PreUpdate
    void stampUpdate() {
        updatedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
