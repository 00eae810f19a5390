package dev.reminderstore.reminder;

import static dev.reminderstore.Api.api;
import static dev.reminderstore.Api.newId;
import static dev.reminderstore.reminder.ReminderTesting.guildWithMembers;
import static dev.reminderstore.reminder.ReminderTesting.react;
import static dev.reminderstore.reminder.ReminderTesting.watch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import dev.reminderstore.reminder.delivery.Reminder;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A claim asks the status query: the first 50 missing members to mention, and the counts of the whole guild. */
@QuarkusTest
class ReminderClaimTest {

    @Inject
    ReminderLedger ledger;

    @Test
    void claimCarriesTheFirstFiftyMissingIdsAndTheCountsOfTheWholeGuild() {
        String guildId = newId();
        String messageId = newId();
        List<String> users = guildWithMembers(guildId, Map.of(), 70);
        watch(messageId, newId(), guildId, "Claimed", Instant.now());
        for (int i = 0; i < 70; i += 7) {
            react(messageId, users.get(i), "✅");
        }
        List<Long> missing = users.stream().filter(user -> users.indexOf(user) % 7 != 0).map(Long::valueOf).sorted().toList();

        Reminder reminder = ledger.claimNow(Long.parseLong(messageId)).orElseThrow();

        assertThat(reminder.missingUserIds()).containsExactlyElementsOf(missing.subList(0, Reminder.MAX_MENTIONS));
        assertThat(reminder.missing()).isEqualTo(60);
        assertThat(reminder.total()).isEqualTo(70);
        assertThat(reminder.responded()).isEqualTo(10);
    }

    @Test
    void remindRecordsEveryMissingMemberAsNotified() {
        String guildId = newId();
        String messageId = newId();
        List<String> users = guildWithMembers(guildId, Map.of(), 55);
        watch(messageId, newId(), guildId, "Notified", Instant.now());
        react(messageId, users.get(0), "❓");
        api().post("/api/v1/events/" + messageId + "/remind").then().statusCode(200).body("usersNotified", equalTo(54));
    }
}
