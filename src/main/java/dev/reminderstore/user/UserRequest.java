package dev.reminderstore.user;

import jakarta.validation.constraints.Size;
import java.time.Instant;

/** Body of {@code PUT /guilds/{guildId}/users/{userId}}; {@code lastSeen} defaults to now. */
public record UserRequest(
        @Size(max = 100, message = "must be at most 100 characters") String username,
        Boolean isBot,
        Instant lastSeen) {
}
