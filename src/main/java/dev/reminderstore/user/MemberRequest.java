package dev.reminderstore.user;

import dev.reminderstore.api.DiscordId;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** One member in {@code PUT /guilds/{guildId}/users}, the bulk replacement of a guild's member list. */
public record MemberRequest(
        @NotNull(message = "is required") @DiscordId String userId,
        @Size(max = 100, message = "must be at most 100 characters") String username,
        Boolean isBot) {
}
