package dev.reminderstore.reminder.delivery;

/**
 * How one delivery ended.
 *
 * @param error            null when sent, else what went wrong (stored in the log row)
 * @param pauseEvent       the target is gone or forbidden: pause the event rather than fail every interval
 * @param discordChannelId where the reminder was posted, when it is a Discord message that can be deleted later
 * @param discordMessageId the posted message
 * @param notAttempted     nothing was sent because delivery is stopped (Discord's breaker): the row stays pending
 */
public record DeliveryResult(String error, boolean pauseEvent, Long discordChannelId, Long discordMessageId,
                             boolean notAttempted) {

    public static DeliveryResult sent() {
        return new DeliveryResult(null, false, null, null, false);
    }

    public static DeliveryResult postedToDiscord(long channelId, Long messageId) {
        return new DeliveryResult(null, false, channelId, messageId, false);
    }

    public static DeliveryResult failed(String error) {
        return new DeliveryResult(error, false, null, null, false);
    }

    public static DeliveryResult failedAndPause(String error) {
        return new DeliveryResult(error, true, null, null, false);
    }

    /** Not sent, not failed: left pending, to be taken over (and sent with its nonce) once delivery resumes. */
    public static DeliveryResult notAttempted(String reason) {
        return new DeliveryResult(reason, false, null, null, true);
    }

    public boolean isSent() {
        return error == null;
    }
}
