package dev.reminderstore.it;

import static dev.reminderstore.Api.api;
import static dev.reminderstore.Api.newId;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The newcomer's flow, against the packaged application (prod profile, a SQLite file under target/it-data). */
@QuarkusIntegrationTest
class ReminderStoreIT {

    @Test
    void guildMembersEventReactionsAndStatus() {
        String guildId = newId();
        api().body(Map.of("name", "Raid night")).put("/api/v1/guilds/" + guildId).then().statusCode(201);

        List<Map<String, Object>> members = new ArrayList<>();
        for (int i = 1; i <= 5000; i++) {
            members.add(Map.of("userId", Integer.toString(i), "username", "member" + i, "isBot", i == 5000));
        }
        api().body(members).put("/api/v1/guilds/" + guildId + "/users")
                .then().statusCode(200).body("added", equalTo(5000));

        String messageId = newId();
        api().body(Map.of("messageId", messageId, "channelId", newId(), "guildId", guildId, "title", "Wipe at 20h",
                        "intervalMinutes", 30))
                .post("/api/v1/events").then().statusCode(201);

        List<Map<String, Object>> answers = new ArrayList<>();
        for (int i = 1; i <= 4997; i++) {
            answers.add(Map.of("userId", Integer.toString(i), "emoji", i % 2 == 0 ? "✅" : "❌"));
        }
        api().body(answers).put("/api/v1/events/" + messageId + "/reactions").then().statusCode(200).body("added", equalTo(4997));
        api().body(Map.of("emoji", "🎉")).put("/api/v1/events/" + messageId + "/reactions/4998").then().statusCode(201);

        api().get("/api/v1/events/" + messageId + "/status")
                .then().statusCode(200)
                .body("total", equalTo(4999))
                .body("responded", equalTo(4997))
                .body("missing", equalTo(2))
                .body("missingUserIds", contains("4998", "4999"));

        api().body("{\"title\": ").post("/api/v1/events").then().statusCode(400);
    }
}
