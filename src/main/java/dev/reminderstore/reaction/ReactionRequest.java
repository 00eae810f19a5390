package dev.reminderstore.reaction;

import jakarta.validation.constraints.NotNull;

/** Body of {@code PUT /events/{messageId}/reactions/{userId}}. */
public record ReactionRequest(@NotNull(message = "is required") @Emoji String emoji) {
}
