package dev.reminderstore.reaction;

import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code PUT /events/{messageId}/reactions/{userId}}. */
@Schema(example = "{\"emoji\":\"✅\"}")
public record ReactionRequest(@NotNull(message = "is required") @Emoji String emoji) {
}
