package dev.reminderstore.migration;

import java.util.List;

/**
 * What a legacy import did (or, in a dry run, would do): rows created, and every entry that was skipped or changed,
 * by its key, with the reason.
 *
 * @param entries   entries read from the document
 * @param guilds    guilds created (those already stored are reused)
 * @param users     members added to guilds
 * @param reactions answers recorded
 */
public record MigrationReport(boolean dryRun, String source, int entries, int events, int guilds, int users, int reactions,
                              List<EntryNote> skipped, List<EntryNote> adjusted, long durationMs) {

    /** One entry of the document, by its key, and what happened to it. */
    public record EntryNote(String key, String reason) {
    }

    /** One line for the log. */
    String summary() {
        return String.format("%d entries: %d events, %d guilds, %d users, %d reactions; %d skipped, %d adjusted; %d ms",
                entries, events, guilds, users, reactions, skipped.size(), adjusted.size(), durationMs);
    }
}
