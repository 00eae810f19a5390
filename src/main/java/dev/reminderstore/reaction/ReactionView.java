package dev.reminderstore.reaction;

import java.time.Instant;

public record ReactionView(String messageId, String userId, String emoji, Instant reactedAt, Instant createdAt, Instant updatedAt) {

    static ReactionView of(long messageId, Reaction reaction) {
        return new ReactionView(Long.toString(messageId), Long.toString(reaction.userId), reaction.emoji, reaction.reactedAt,
                reaction.createdAt, reaction.updatedAt);
    }
}
