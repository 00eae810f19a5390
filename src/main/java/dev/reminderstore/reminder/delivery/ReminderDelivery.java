package dev.reminderstore.reminder.delivery;

import java.util.Optional;

/** Where reminders go: Discord, a webhook, or the log. Implementations answer failures as results, never throw. */
public interface ReminderDelivery {

    DeliveryResult deliver(Reminder reminder);

    /**
     * Why nothing can be delivered now (Discord's breaker is open), so that no reminder is claimed only to fail;
     * empty when deliveries may go.
     */
    default Optional<String> stoppedBecause() throws InterruptedException {
        return Optional.empty();
    }
}
