package dev.reminderstore.migration;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * The whole store as one JSON document, version 1: {@code format}, {@code version}, then one array per table in
 * foreign-key order, each row in the API's shape and keyed by Discord ids (no internal keys, so a document loads
 * into any store, SQLite or PostgreSQL). Rows come in a fixed order, so that the same store always gives the
 * same document.
 *
 * <p>{@code StoreImport} reads the rows with Jackson while it streams the document, out of sight of Quarkus REST:
 * they are registered for the native image (the annotation covers the nested records).
 */
@RegisterForReflection
final class StoreDocument {

    static final String FORMAT = "reminder-store";
    static final int VERSION = 1;
    /** The sections in the order they are written, and must be read. */
    static final List<String> SECTIONS = List.of("guilds", "users", "events", "reactions", "reminderLogs");

    private StoreDocument() {
    }

    record GuildRow(String guildId, String name, @NotNull(message = "is required") JsonNode settings,
                    @NotNull(message = "is required") Instant createdAt,
                    @NotNull(message = "is required") Instant updatedAt) {
    }

    record UserRow(String guildId, String userId, String username, Boolean isBot, Instant lastSeen,
                   @NotNull(message = "is required") Instant createdAt,
                   @NotNull(message = "is required") Instant updatedAt) {
    }

    /** {@code nextReminderAt} is written for the reader's information; an import computes it by the due rule. */
    record EventRow(String messageId, String channelId, String guildId, String title, String description,
                    Double intervalMinutes, Boolean isPaused,
                    @NotNull(message = "is required") Instant lastReminder, Instant nextReminderAt,
                    @NotNull(message = "is required") List<String> requiredReactions,
                    @Min(value = 0, message = "must be 0 or more") long version,
                    @NotNull(message = "is required") Instant createdAt,
                    @NotNull(message = "is required") Instant updatedAt) {
    }

    record ReactionRow(String messageId, String userId, String emoji, @NotNull(message = "is required") Instant reactedAt,
                       @NotNull(message = "is required") Instant createdAt,
                       @NotNull(message = "is required") Instant updatedAt) {
    }

    record ReminderLogRow(String messageId, @NotNull(message = "is required") Instant scheduledAt, Instant sentAt,
                          @Min(value = 0, message = "must be 0 or more") int usersNotified,
                          @NotNull(message = "is required") String status, String errorMessage,
                          @NotNull(message = "is required") Instant createdAt,
                          @NotNull(message = "is required") Instant updatedAt,
                          String discordChannelId, String discordMessageId, Instant deleteAt,
                          @Size(max = 64, message = "must be at most 64 characters") String claimedBy) {
    }
}
