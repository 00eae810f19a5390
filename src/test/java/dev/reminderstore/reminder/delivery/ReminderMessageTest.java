package dev.reminderstore.reminder.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The message of a claim that carries a message's worth of ids and the count of all missing members. */
class ReminderMessageTest {

    @Test
    void mentionsTheIdsItCarriesAndCountsTheRest() {
        List<Long> first = LongStream.rangeClosed(1, Reminder.MAX_MENTIONS).boxed().toList();
        Reminder reminder = new Reminder(1, 2, 3, 4, 4, 5, "Raid night", first, 60, 70,
                Instant.parse("2026-11-25T16:00:00Z"), null);

        assertThat(ReminderMessage.mentioned(reminder)).isEqualTo(first);
        assertThat(ReminderMessage.content(reminder)).contains("<@50> and 10 more\n")
                .contains("✅ 10 responded · ⏳ 60 missing · 👥 70 total");
    }
}
