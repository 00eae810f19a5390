package dev.reminderstore.reminder.delivery;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The text of a reminder, the same for every delivery:
 * <pre>
 * ⏰ **Reminder: Raid night**
 * &lt;@1&gt; &lt;@2&gt; … and 12 more
 * ✅ 3 responded · ⏳ 62 missing · 👥 65 total
 * https://discord.com/channels/{guild}/{channel}/{message}
 * </pre>
 * At most {@value Reminder#MAX_MENTIONS} users are mentioned, which keeps the message well under Discord's 2,000 characters.
 */
final class ReminderMessage {

    private ReminderMessage() {
    }

    /** The users the message names (and may ping): the first {@value Reminder#MAX_MENTIONS} missing ones. */
    static List<Long> mentioned(Reminder reminder) {
        return reminder.missingUserIds().subList(0, Math.min(Reminder.MAX_MENTIONS, reminder.missingUserIds().size()));
    }

    static String content(Reminder reminder) {
        List<Long> mentioned = mentioned(reminder);
        String mentions = mentioned.stream().map(id -> "<@" + id + ">").collect(Collectors.joining(" "));
        int leftOut = reminder.missing() - mentioned.size();
        if (leftOut > 0) {
            mentions += " and " + leftOut + " more";
        }
        return "⏰ **Reminder: " + reminder.title() + "**\n"
                + mentions + "\n"
                + "✅ " + reminder.responded() + " responded · ⏳ " + reminder.missing() + " missing · 👥 "
                + reminder.total() + " total\n"
                + reminder.link();
    }
}
