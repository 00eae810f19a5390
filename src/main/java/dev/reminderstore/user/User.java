package dev.reminderstore.user;

import dev.reminderstore.db.Timestamped;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A member of one guild; {@code (guildId, userId)} is unique. Bots are never reminded. */
@Entity
@Table(name = "`user`")
public class User extends Timestamped {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "guild_id", nullable = false)
    public long guildId;

    @Column(name = "user_id", nullable = false)
    public long userId;

    public String username;

    @Column(name = "is_bot", nullable = false)
    public boolean isBot;

    @Column(name = "last_seen")
    public Instant lastSeen;
}
