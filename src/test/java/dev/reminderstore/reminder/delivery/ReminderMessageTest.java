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

    @Test
    void theDeliveryIdNamesTheEventAndIntervalNotTheLogRow() {
        Instant due = Instant.parse("2026-11-25T16:00:00Z");
        Reminder reminder = new Reminder(1, 2, 1187654321098765432L, 4, 4, 5, "t", List.of(), 0, 0, due, null);
        Reminder sameRowIdInAnotherStore = new Reminder(1, 2, 1187654321098765433L, 4, 4, 5, "t", List.of(), 0, 0, due, null);
        Reminder redelivered = new Reminder(1, 7, 1187654321098765432L, 9, 9, 5, "t", List.of(), 0, 0, due, null);

        assertThat(reminder.deliveryId()).isEqualTo("r" + Long.toString(1187654321098765432L, 36) + "."
                + Long.toString(due.toEpochMilli(), 36)).hasSizeLessThanOrEqualTo(25);
        assertThat(new Reminder(1, 2, Long.MAX_VALUE, 4, 4, 5, "t", List.of(), 0, 0, Instant.parse("9999-12-31T23:59:59Z"),
                null).deliveryId()).hasSizeLessThanOrEqualTo(25);
        assertThat(sameRowIdInAnotherStore.deliveryId()).isNotEqualTo(reminder.deliveryId());
        assertThat(redelivered.deliveryId()).isEqualTo(reminder.deliveryId());
        assertThat(new Reminder(1, 2, 1187654321098765432L, 4, 4, 5, "t", List.of(), 0, 0, due.plusSeconds(3600), null)
                .deliveryId()).isNotEqualTo(reminder.deliveryId());
    }
}
