package dev.reminderstore.event;

import dev.reminderstore.db.JsonConverters;
import dev.reminderstore.db.Timestamped;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A watched Discord message whose non-answering members are reminded every {@code intervalMinutes}. */
@Entity
@Table(name = "event")
public class Event extends Timestamped {

    public static final double DEFAULT_INTERVAL_MINUTES = 60;
    public static final List<String> DEFAULT_REACTIONS = List.of("✅", "❌", "❓");

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "message_id", nullable = false)
    public long messageId;

    @Column(name = "channel_id", nullable = false)
    public long channelId;

    @Column(name = "guild_id", nullable = false)
    public long guildId;

    @Column(nullable = false)
    public String title;

    public String description;

    @Column(name = "interval_minutes", nullable = false)
    public double intervalMinutes = DEFAULT_INTERVAL_MINUTES;

    @Column(name = "is_paused", nullable = false)
    public boolean isPaused;

    @Column(name = "last_reminder", nullable = false)
    public Instant lastReminder;

    /** Derived: kept equal to {@link #scheduledReminder()} on every change, so the due search is an index range. */
    @Column(name = "next_reminder_at")
    public Instant nextReminderAt;

    @Convert(converter = JsonConverters.StringList.class)
    @Column(name = "required_reactions", nullable = false)
    public List<String> requiredReactions = new ArrayList<>(DEFAULT_REACTIONS);

    @Version
    @Column(nullable = false)
    public long version;

    /**
     * The due rule: an event that is not paused is due once {@code lastReminder + interval} has come.
     * This is the only place it is written; the scheduler reads its result from {@code next_reminder_at}.
     */
    public Instant scheduledReminder() {
        return scheduledReminder(lastReminder, intervalMinutes, isPaused);
    }

    /** The due rule on plain values, for code that writes events without loading them (bulk import). */
    public static Instant scheduledReminder(Instant lastReminder, double intervalMinutes, boolean isPaused) {
        return isPaused ? null : lastReminder.plus(interval(intervalMinutes));
    }

    public void reschedule() {
        nextReminderAt = scheduledReminder();
    }

    public static Duration interval(double minutes) {
        return Duration.ofMillis(Math.round(minutes * 60_000));
    }
}
