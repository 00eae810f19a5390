package dev.reminderstore.reminder.delivery;

/** Where reminders go: Discord, a webhook, or the log. Implementations answer failures as results, never throw. */
public interface ReminderDelivery {

    DeliveryResult deliver(Reminder reminder);
}
