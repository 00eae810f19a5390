package dev.reminderstore.event;

import dev.reminderstore.api.DiscordId;
import dev.reminderstore.reaction.Emoji;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /events} (messageId required) and {@code PUT /events/{messageId}} (messageId optional, and
 * equal to the path's when given). Absent optional fields take their defaults; {@code lastReminder} defaults to
 * now for a new event and is kept for an existing one.
 */
@Schema(example = "{\"messageId\":\"1187654321098765432\",\"channelId\":\"1187654321098765000\",\"guildId\":"
        + "\"1187654321098760000\",\"title\":\"Raid night\",\"intervalMinutes\":60,\"requiredReactions\":[\"✅\",\"❌\"]}")
public record EventRequest(
        @DiscordId String messageId,
        @NotNull(message = "is required") @DiscordId String channelId,
        @NotNull(message = "is required") @DiscordId String guildId,
        @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters") String title,
        @Size(max = 4000, message = "must be at most 4000 characters") String description,
        Double intervalMinutes,
        Boolean isPaused,
        Instant lastReminder,
        @Size(min = 1, max = 20, message = "must list 1 to 20 emojis") List<@NotNull(message = "is required") @Emoji String> requiredReactions) {
}
