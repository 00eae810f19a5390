package dev.reminderstore.user;

import dev.reminderstore.api.DiscordId;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One member in {@code PUT /guilds/{guildId}/users}, the bulk replacement of a guild's member list. */
@Schema(example = "{\"userId\":\"1187654321098765432\",\"username\":\"ada\",\"isBot\":false}")
public record MemberRequest(
        @NotNull(message = "is required") @DiscordId String userId,
        @Size(max = 100, message = "must be at most 100 characters") String username,
        Boolean isBot) {
}
