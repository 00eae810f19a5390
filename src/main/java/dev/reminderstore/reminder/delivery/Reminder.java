package dev.reminderstore.reminder.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One claimed reminder: everything a delivery needs, fixed in the claiming transaction.
 *
 * @param logId           the {@code pending} log row this reminder will be recorded in
 * @param channelId       the channel of the watched message (for the link)
 * @param targetChannelId where the reminder goes: the guild's {@code reminderChannelId}, else {@code channelId}
 * @param missingUserIds  the first missing members in user id order, as many as a message mentions at most
 * @param missing         how many members are missing in all
 * @param total           the guild's non-bot members
 * @param deleteAfter     how long a posted reminder stays before it is deleted; null to keep it
 */
public record Reminder(long logId, long eventId, long messageId, long channelId, long targetChannelId, long guildId,
                       String title, List<Long> missingUserIds, int missing, int total, Instant scheduledAt,
                       Duration deleteAfter) {

    /** The most users one reminder mentions; a claim carries no more ids than that, and the missing count. */
    public static final int MAX_MENTIONS = 50;

    public int responded() {
        return total - missing;
    }

    /**
     * Names this reminder (one event, one interval) in every attempt to deliver it, retries and a peer's redelivery
     * after a crash included: Discord's nonce and the webhook's delivery id. Discord de-duplicates a nonce per bot, not
     * per store, so it is made of what is unique to the reminder wherever it is stored (two stores on one bot token,
     * or a store started afresh, reuse log row ids): the watched message's id (a Discord snowflake) and the time the
     * reminder was due, in base 36: "r", then at most 13 + 1 + 10 characters (year 9999), within Discord's 25.
     */
    public String deliveryId() {
        return "r" + Long.toString(messageId, 36) + "." + Long.toString(scheduledAt.toEpochMilli(), 36);
    }

    /** The watched message in Discord. */
    public String link() {
        return "https://discord.com/channels/" + guildId + "/" + channelId + "/" + messageId;
    }
}
