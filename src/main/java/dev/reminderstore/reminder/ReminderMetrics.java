package dev.reminderstore.reminder;

import dev.reminderstore.config.TimeSource;
import dev.reminderstore.reminder.delivery.DeliveryResult;
import dev.reminderstore.reminder.delivery.Reminder;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * The reminder job's meters, at /q/metrics: reminders sent, failed and skipped (nobody missing), users notified,
 * the delivery latency, and the scheduler's lag, the age of the oldest event that is due and not yet claimed.
 */
@ApplicationScoped
public class ReminderMetrics {

    private final Counter sent;
    private final Counter failed;
    private final Counter skipped;
    private final Counter usersNotified;
    private final Timer delivery;
    private final AgroalDataSource dataSource;
    private final TimeSource time;

    public ReminderMetrics(MeterRegistry registry, AgroalDataSource dataSource, TimeSource time) {
        this.dataSource = dataSource;
        this.time = time;
        sent = Counter.builder("reminders.sent").description("Reminders delivered").register(registry);
        failed = Counter.builder("reminders.failed").description("Reminders whose delivery failed").register(registry);
        skipped = Counter.builder("reminders.skipped")
                .description("Due events with nobody missing: no reminder sent, event parked").register(registry);
        usersNotified = Counter.builder("reminders.users.notified").description("Users named in delivered reminders")
                .register(registry);
        delivery = Timer.builder("reminders.delivery").description("Time to deliver one reminder, retries and rate-limit waits included")
                .register(registry);
        Gauge.builder("reminders.scheduler.lag", this, ReminderMetrics::lagSeconds).baseUnit("seconds")
                .description("Age of the oldest due event not yet claimed; 0 when none is due").register(registry);
    }

    void skipped(int events) {
        skipped.increment(events);
    }

    void delivered(Reminder reminder, DeliveryResult result, Duration took) {
        delivery.record(took);
        if (result.isSent()) {
            sent.increment();
            usersNotified.increment(reminder.missing());
        } else {
            failed.increment();
        }
    }

    /** Read at scrape time with one index lookup (the minimum of event_next_reminder_at_idx). */
    double lagSeconds() {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("select min(next_reminder_at) from event")) {
            Timestamp oldest = row.next() ? row.getTimestamp(1) : null;
            Instant now = time.now();
            return oldest == null || oldest.toInstant().isAfter(now) ? 0 : Duration.between(oldest.toInstant(), now).toMillis() / 1000.0;
        } catch (SQLException e) {
            Log.warnf("Reminder lag gauge: cannot read the oldest due event: %s", e.getMessage());
            return Double.NaN;
        }
    }
}
