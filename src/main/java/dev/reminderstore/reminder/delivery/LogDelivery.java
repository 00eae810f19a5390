package dev.reminderstore.reminder.delivery;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

/** The dry run: writes to the log what would be posted, and counts it as sent. */
@ApplicationScoped
public class LogDelivery implements ReminderDelivery {

    @Override
    public DeliveryResult deliver(Reminder reminder) {
        Log.infof("Reminder %d (dry run, REMINDER_DELIVERY=log) for channel %d: %s", reminder.logId(),
                reminder.targetChannelId(), ReminderMessage.content(reminder).replace('\n', ' '));
        return DeliveryResult.sent();
    }
}
