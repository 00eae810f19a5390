package dev.reminderstore.guild;

import dev.reminderstore.db.JsonConverters;
import dev.reminderstore.db.Timestamped;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.LinkedHashMap;
import java.util.Map;

/** A Discord server. Its id is Discord's; its settings are free-form JSON for the bot (and a few for this service). */
@Entity
@Table(name = "guild")
public class Guild extends Timestamped {

    @Id
    @Column(name = "guild_id")
    public Long guildId;

    public String name;

    @Convert(converter = JsonConverters.ObjectMap.class)
    @Column(nullable = false)
    public Map<String, Object> settings = new LinkedHashMap<>();
}
