package dev.reminderstore.guild;

import jakarta.validation.constraints.Size;
import java.util.Map;

/** Body of {@code PUT /guilds/{guildId}}; settings are free-form JSON kept for the bot. */
public record GuildRequest(
        @Size(max = 100, message = "must be at most 100 characters") String name,
        Map<String, Object> settings) {
}
