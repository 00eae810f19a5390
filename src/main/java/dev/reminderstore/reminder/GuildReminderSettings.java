package dev.reminderstore.reminder;

import dev.reminderstore.api.Ids;
import dev.reminderstore.config.StoreConfig;
import io.quarkus.logging.Log;
import java.time.Duration;
import java.util.Map;

/**
 * The reminder settings a guild may keep among its free-form settings: {@code reminderChannelId} (post reminders
 * there instead of under the watched message), {@code autoDeleteReminders} and {@code autoDeleteDelayHours}
 * (override AUTO_DELETE_REMINDERS / AUTO_DELETE_DELAY_HOURS). A value of the wrong kind is ignored with a warning.
 */
record GuildReminderSettings(Long reminderChannelId, Boolean autoDelete, Double autoDeleteDelayHours) {

    static final GuildReminderSettings NONE = new GuildReminderSettings(null, null, null);

    static GuildReminderSettings of(long guildId, Map<String, Object> settings) {
        if (settings == null) {
            return NONE;
        }
        return new GuildReminderSettings(channel(guildId, settings.get("reminderChannelId")),
                flag(guildId, settings.get("autoDeleteReminders")), hours(guildId, settings.get("autoDeleteDelayHours")));
    }

    /** How long a posted reminder stays; null to keep it. */
    Duration deleteAfter(StoreConfig.AutoDelete defaults) {
        boolean enabled = autoDelete == null ? defaults.enabled() : autoDelete;
        double hours = autoDeleteDelayHours == null ? defaults.delayHours() : autoDeleteDelayHours;
        return enabled ? Duration.ofMillis(Math.round(hours * 3_600_000)) : null;
    }

    private static Long channel(long guildId, Object value) {
        if (value == null) {
            return null;
        }
        if (Ids.isValid(value.toString())) {
            return Long.valueOf(value.toString());
        }
        return ignored(guildId, "reminderChannelId", value, "a Discord channel id");
    }

    private static Boolean flag(long guildId, Object value) {
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        if ("true".equals(value) || "false".equals(value)) {
            return Boolean.valueOf((String) value);
        }
        return ignored(guildId, "autoDeleteReminders", value, "true or false");
    }

    private static Double hours(long guildId, Object value) {
        if (value == null) {
            return null;
        }
        try {
            double hours = Double.parseDouble(value.toString());
            if (hours >= 0 && hours <= 24 * 366) {
                return hours;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        return ignored(guildId, "autoDeleteDelayHours", value, "a number of hours from 0 to 8784");
    }

    private static <T> T ignored(long guildId, String setting, Object value, String expected) {
        Log.warnf("Guild %d: setting %s is '%s', not %s; using the default", guildId, setting, value, expected);
        return null;
    }
}
