package dev.reminderstore.user;

import dev.reminderstore.api.Ids;
import dev.reminderstore.api.Page;
import dev.reminderstore.api.PageRequest;
import dev.reminderstore.api.Upserted;
import dev.reminderstore.config.TimeSource;
import dev.reminderstore.db.Jdbc;
import dev.reminderstore.db.SetReplacement;
import dev.reminderstore.db.WriteTransaction;
import dev.reminderstore.guild.GuildService;
import dev.reminderstore.reminder.ReminderSchedule;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ApplicationScoped
public class UserService {

    private final GuildService guilds;
    private final TimeSource time;
    private final ReminderSchedule reminders;

    public UserService(GuildService guilds, TimeSource time, ReminderSchedule reminders) {
        this.guilds = guilds;
        this.time = time;
        this.reminders = reminders;
    }

    @WriteTransaction
    public Upserted<UserView> upsert(long guildId, long userId, UserRequest request) {
        guilds.ensureExists(guildId);
        User user = User.find("guildId = ?1 and userId = ?2", guildId, userId).firstResult();
        boolean created = user == null;
        if (created) {
            user = new User();
            user.guildId = guildId;
            user.userId = userId;
        }
        boolean wasCounted = !created && !user.isBot;
        user.username = request.username();
        user.isBot = Boolean.TRUE.equals(request.isBot());
        user.lastSeen = request.lastSeen() == null ? time.now() : request.lastSeen();
        user.persist();
        if (!user.isBot && !wasCounted) {
            reminders.rearmGuilds(List.of(guildId)); // a new member to count: they may be missing somewhere
        }
        return new Upserted<>(UserView.of(user), created);
    }

    public Optional<UserView> find(long guildId, long userId) {
        return User.<User>find("guildId = ?1 and userId = ?2", guildId, userId).firstResultOptional().map(UserView::of);
    }

    /** A guild's members by user id; empty when the guild is unknown (the resource tells the two apart). */
    public Page<UserView> list(long guildId, PageRequest page) {
        List<User> rows = User.<User>find("guildId = ?1 and userId > ?2 order by userId", guildId, page.after())
                .page(0, page.fetchSize()).list();
        return Page.of(rows, page, u -> u.userId, UserView::of);
    }

    @WriteTransaction
    public boolean delete(long guildId, long userId) {
        return User.delete("guildId = ?1 and userId = ?2", guildId, userId) > 0;
    }

    /**
     * Makes the guild's member list exactly {@code members}: adds the new, updates the listed, removes the rest.
     * One transaction and batched statements, so thousands of members take one call and a few milliseconds.
     */
    @WriteTransaction
    public SetReplacement.Counts replaceMembers(long guildId, List<MemberRequest> members) {
        Map<Long, MemberRequest> wanted = Ids.distinct(members, MemberRequest::userId, "userId");
        guilds.ensureExists(guildId);
        reminders.rearmGuilds(List.of(guildId));
        Timestamp now = Jdbc.time(time.now());
        return Jdbc.inTransaction(connection -> SetReplacement.replace(connection, guildId, wanted,
                "select user_id from \"user\" where guild_id = ?",
                "insert into \"user\" (guild_id, user_id, username, is_bot, last_seen, created_at, updated_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?)",
                (insert, userId, member) -> {
                    insert.setLong(1, guildId);
                    insert.setLong(2, userId);
                    insert.setString(3, member.username());
                    insert.setBoolean(4, Boolean.TRUE.equals(member.isBot()));
                    insert.setTimestamp(5, now);
                    insert.setTimestamp(6, now);
                    insert.setTimestamp(7, now);
                },
                "update \"user\" set username = ?, is_bot = ?, last_seen = ?, updated_at = ? where guild_id = ? and user_id = ?",
                (update, userId, member) -> {
                    update.setString(1, member.username());
                    update.setBoolean(2, Boolean.TRUE.equals(member.isBot()));
                    update.setTimestamp(3, now);
                    update.setTimestamp(4, now);
                    update.setLong(5, guildId);
                    update.setLong(6, userId);
                },
                "delete from \"user\" where guild_id = ? and user_id = ?"));
    }
}
