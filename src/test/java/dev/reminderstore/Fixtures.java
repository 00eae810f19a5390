package dev.reminderstore;

import static dev.reminderstore.Api.api;
import static dev.reminderstore.Api.newId;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Small factories for the state tests start from; each returns the ids it created. */
public final class Fixtures {

    private Fixtures() {
    }

    /** A guild with the given member ids (all humans), created through the bulk endpoint. */
    public static String guildWithMembers(String... userIds) {
        String guildId = newId();
        List<Map<String, Object>> members = new ArrayList<>();
        for (String userId : userIds) {
            members.add(Map.of("userId", userId, "username", "user" + userId));
        }
        api().body(members).put("/api/v1/guilds/" + guildId + "/users").then().statusCode(200);
        return guildId;
    }

    /** A watched message in the guild, with the default settings and the given extra fields. */
    public static String event(String guildId, Map<String, Object> extra) {
        String messageId = newId();
        Map<String, Object> body = new HashMap<>(Map.of("messageId", messageId, "channelId", newId(), "guildId", guildId,
                "title", "Training Tuesday"));
        body.putAll(extra);
        api().body(body).post("/api/v1/events").then().statusCode(201);
        return messageId;
    }

    public static String event(String guildId) {
        return event(guildId, Map.of());
    }

    public static void react(String messageId, String userId, String emoji) {
        api().body(Map.of("emoji", emoji)).put("/api/v1/events/" + messageId + "/reactions/" + userId)
                .then().statusCode(anyOf(is(200), is(201)));
    }
}
