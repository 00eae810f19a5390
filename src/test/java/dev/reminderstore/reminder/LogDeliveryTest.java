package dev.reminderstore.reminder;

import static dev.reminderstore.Api.api;
import static dev.reminderstore.Api.newId;
import static dev.reminderstore.reminder.ReminderTesting.guildWithMembers;
import static dev.reminderstore.reminder.ReminderTesting.watch;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without a token the delivery is the dry run: nothing leaves the process, and the log still records it. */
@QuarkusTest
class LogDeliveryTest {

    @Test
    void remindWithoutTokenIsLoggedAsSent() {
        String guildId = newId();
        String messageId = newId();
        guildWithMembers(guildId, Map.of(), 3);
        watch(messageId, newId(), guildId, "Dry run", Instant.now());

        api().post("/api/v1/events/" + messageId + "/remind").then().statusCode(200)
                .body("status", equalTo("sent"))
                .body("usersNotified", equalTo(3))
                .body("sentAt", notNullValue());
        api().get("/api/v1/events/" + messageId + "/reminder-logs").then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].status", equalTo("sent"));
    }
}
