package dev.reminderstore.user;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record UserView(String guildId, String userId, @Schema(nullable = true) String username, boolean isBot,
                       @Schema(nullable = true) Instant lastSeen, Instant createdAt, Instant updatedAt) {

    static UserView of(User user) {
        return new UserView(Long.toString(user.guildId), Long.toString(user.userId), user.username, user.isBot,
                user.lastSeen, user.createdAt, user.updatedAt);
    }
}
