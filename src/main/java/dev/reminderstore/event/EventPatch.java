package dev.reminderstore.event;

import dev.reminderstore.reaction.Emoji;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import java.util.Set;

/**
 * The patchable fields of an event after a JSON merge patch was applied to them. A field the patch sets to
 * null goes back to its default (description: none; interval: 60; paused: false; reactions: ✅ ❌ ❓);
 * the title is required.
 *
 * <p>Jackson builds it from a JSON tree inside the service, out of sight of Quarkus REST: registered for the native image.
 */
@RegisterForReflection
@Schema(name = "EventPatch", description = "JSON merge patch (RFC 7396) of an event: a field left out is kept, a field"
        + " set to null goes back to its default; title cannot be null.", requiredProperties = {},
        example = "{\"title\":\"Raid night, 21:00\",\"isPaused\":true,\"description\":null}")
public record EventPatch(
        @Schema(required = false, minLength = 1)
        @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters") String title,
        @Schema(nullable = true) @Size(max = 4000, message = "must be at most 4000 characters") String description,
        @Schema(nullable = true, description = "Minutes between reminders; null: 60") Double intervalMinutes,
        @Schema(nullable = true, description = "null: false") Boolean isPaused,
        @Schema(nullable = true, description = "The answers that count; null: ✅ ❌ ❓")
        @Size(min = 1, max = 20, message = "must list 1 to 20 emojis") List<@NotNull(message = "is required") @Emoji String> requiredReactions) {

    static final Set<String> FIELDS = Set.of("title", "description", "intervalMinutes", "isPaused", "requiredReactions");
}
