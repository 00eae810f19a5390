package dev.reminderstore.reminder.delivery;

import dev.reminderstore.config.StoreConfig;
import java.util.Arrays;

/** REMINDER_DELIVERY: the delivery in use. */
public enum DeliveryMode {
    discord, webhook, log;

    /** The configured mode; without one, discord when a bot token is set, else the dry run. */
    public static DeliveryMode of(StoreConfig.Reminders config) {
        return config.delivery().map(String::trim).map(name -> Arrays.stream(values())
                        .filter(mode -> mode.name().equalsIgnoreCase(name)).findFirst()
                        .orElseThrow(() -> new IllegalStateException(
                                "REMINDER_DELIVERY (reminder.delivery) is '" + name + "'; it must be discord, webhook or log")))
                .orElse(config.discord().token().isPresent() ? discord : log);
    }
}
