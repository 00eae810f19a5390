package dev.reminderstore.guild;

import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record GuildView(String guildId, @Schema(nullable = true) String name, Map<String, Object> settings, Instant createdAt, Instant updatedAt) {

    static GuildView of(Guild guild) {
        return new GuildView(Long.toString(guild.guildId), guild.name, guild.settings, guild.createdAt, guild.updatedAt);
    }
}
