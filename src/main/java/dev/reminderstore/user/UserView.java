package dev.reminderstore.user;

import java.time.Instant;

public record UserView(String guildId, String userId, String username, boolean isBot, Instant lastSeen,
                       Instant createdAt, Instant updatedAt) {

    static UserView of(User user) {
        return new UserView(Long.toString(user.guildId), Long.toString(user.userId), user.username, user.isBot,
                user.lastSeen, user.createdAt, user.updatedAt);
    }
}
