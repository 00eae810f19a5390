package dev.reminderstore.guild;

import dev.reminderstore.api.Page;
import dev.reminderstore.api.PageRequest;
import dev.reminderstore.api.Upserted;
import dev.reminderstore.db.WriteTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Optional;

@ApplicationScoped
public class GuildService {

    @WriteTransaction
    public Upserted<GuildView> upsert(long guildId, GuildRequest request) {
        Guild guild = Guild.findById(guildId);
        boolean created = guild == null;
        if (created) {
            guild = new Guild();
            guild.guildId = guildId;
        }
        guild.name = request.name();
        guild.settings = request.settings() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(request.settings());
        guild.persist();
        return new Upserted<>(GuildView.of(guild), created);
    }

    /** A guild that something is about to be stored in: created, without a name, when the bot never registered it. */
    @WriteTransaction
    public void ensureExists(long guildId) {
        if (Guild.findById(guildId) == null) {
            Guild guild = new Guild();
            guild.guildId = guildId;
            guild.persist();
        }
    }

    public Optional<GuildView> find(long guildId) {
        return Guild.<Guild>findByIdOptional(guildId).map(GuildView::of);
    }

    public boolean exists(long guildId) {
        return Guild.count("guildId", guildId) > 0;
    }

    public Page<GuildView> list(PageRequest page) {
        return Page.of(Guild.<Guild>find("guildId > ?1 order by guildId", page.after()).page(0, page.fetchSize()).list(),
                page, g -> g.guildId, GuildView::of);
    }

    /** Deletes the guild; the database cascades to its users, events, reactions and reminder logs. */
    @WriteTransaction
    public boolean delete(long guildId) {
        return Guild.delete("guildId", guildId) > 0;
    }
}
