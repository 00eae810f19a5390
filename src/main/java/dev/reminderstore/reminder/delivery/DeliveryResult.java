package dev.reminderstore.reminder.delivery;

/**
 * How one delivery ended.
 *
 * @param error            null when sent, else what went wrong (stored in the log row)
 * @param pauseEvent       the target is gone or forbidden: pause the event rather than fail every interval
 * @param discordChannelId where the reminder was posted, when it is a Discord message that can be deleted later
 * @param discordMessageId the posted message
 */
public record DeliveryResult(String error, boolean pauseEvent, Long discordChannelId, Long discordMessageId) {

    public static DeliveryResult sent() {
        return new DeliveryResult(null, false, null, null);
    }

    public static DeliveryResult postedToDiscord(long channelId, Long messageId) {
        return new DeliveryResult(null, false, channelId, messageId);
    }

    public static DeliveryResult failed(String error) {
        return new DeliveryResult(error, false, null, null);
    }

    public static DeliveryResult failedAndPause(String error) {
        return new DeliveryResult(error, true, null, null);
    }

    public boolean isSent() {
        return error == null;
    }
}
