package dev.reminderstore.reaction;

import dev.reminderstore.db.Timestamped;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One user's answer to one event: the emoji they chose; {@code (eventId, userId)} is unique. */
@Entity
@Table(name = "reaction")
public class Reaction extends Timestamped {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id", nullable = false)
    public long eventId;

    @Column(name = "user_id", nullable = false)
    public long userId;

    @Column(nullable = false)
    public String emoji;

    @Column(name = "reacted_at", nullable = false)
    public Instant reactedAt;
}
