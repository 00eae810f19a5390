package dev.reminderstore.reaction;

import dev.reminderstore.api.DiscordId;
import jakarta.validation.constraints.NotNull;

/** One answer in {@code PUT /events/{messageId}/reactions}, the bulk replacement of an event's reactions. */
public record AnswerRequest(
        @NotNull(message = "is required") @DiscordId String userId,
        @NotNull(message = "is required") @Emoji String emoji) {
}
