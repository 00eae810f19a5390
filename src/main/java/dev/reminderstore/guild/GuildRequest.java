package dev.reminderstore.guild;

import jakarta.validation.constraints.Size;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code PUT /guilds/{guildId}}; settings are free-form JSON kept for the bot. */
@Schema(example = "{\"name\":\"Raid club\",\"settings\":{\"locale\":\"en\"}}")
public record GuildRequest(
        @Size(max = 100, message = "must be at most 100 characters") String name,
        Map<String, Object> settings) {
}
