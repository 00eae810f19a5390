package dev.reminderstore.reminder;

import dev.reminderstore.db.Timestamped;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One reminder: claimed as {@code pending}, then {@code sent} or {@code failed}. */
@Entity
@Table(name = "reminderlog")
public class ReminderLog extends Timestamped {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id", nullable = false)
    public long eventId;

    @Column(name = "scheduled_at", nullable = false)
    public Instant scheduledAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(name = "users_notified", nullable = false)
    public int usersNotified;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ReminderStatus status;

    @Column(name = "error_message")
    public String errorMessage;

    /** Where a Discord delivery posted the reminder; null for other deliveries. */
    @Column(name = "discord_channel_id")
    public Long discordChannelId;

    /** The Discord message that carries the reminder, kept so that it can be deleted later. */
    @Column(name = "discord_message_id")
    public Long discordMessageId;

    /** The instance holding (or last holding) the claim; see {@link dev.reminderstore.config.InstanceId}. */
    @Column(name = "claimed_by")
    public String claimedBy;

    /** Until when the pending row is the claimer's; null once recorded. */
    @Column(name = "claim_expires_at")
    public Instant claimExpiresAt;

    /** When the posted message is due for deletion; null when it is not to be deleted (or was deleted). */
    @Column(name = "delete_at")
    public Instant deleteAt;
}
