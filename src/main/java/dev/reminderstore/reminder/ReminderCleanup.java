package dev.reminderstore.reminder;

import dev.reminderstore.config.TimeSource;
import dev.reminderstore.reminder.delivery.DiscordClient;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Auto-delete: removes posted reminders from Discord once their time has come. The times are in the log rows,
 * so deletions due during a stop happen after the next start.
 */
@ApplicationScoped
public class ReminderCleanup {

    private static final int BATCH = 100;

    private final ReminderLedger ledger;
    private final DiscordClient discord;
    private final TimeSource time;

    public ReminderCleanup(ReminderLedger ledger, DiscordClient discord, TimeSource time) {
        this.ledger = ledger;
        this.discord = discord;
        this.time = time;
    }

    @Scheduled(identity = "reminder-auto-delete", every = "${reminder.auto-delete.poll-interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        deleteDue();
    }

    /** Deletes the posted reminders due for deletion; answers how many are done with. */
    public int deleteDue() {
        if (!discord.hasToken() || discord.status().isPresent()) {
            return 0; // while Discord's breaker is open, deletions wait too (their times are kept)
        }
        int handled = 0;
        List<ReminderLog> due;
        List<Long> done;
        do {
            due = ledger.dueDeletions(time.now(), BATCH);
            done = new ArrayList<>();
            for (ReminderLog posted : due) {
                if (delete(posted)) {
                    done.add(posted.id);
                }
            }
            ledger.deletionsDone(done);
            handled += done.size();
        } while (due.size() == BATCH && done.size() == due.size());
        return handled;
    }

    /** @return whether the message is gone now; false to try again at the next run */
    private boolean delete(ReminderLog posted) {
        String problem;
        try {
            DiscordClient.Answer answer = discord.deleteMessage(posted.discordChannelId, posted.discordMessageId);
            if (answer.isSuccess() || answer.status() == 404) {
                return true;
            }
            if (answer.status() == 403) {
                Log.warnf("Reminder %d: may not delete message %d in channel %d (%s); leaving it", posted.id,
                        posted.discordMessageId, posted.discordChannelId, answer.error());
                return true;
            }
            problem = answer.error();
        } catch (IOException e) {
            problem = "no answer: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        Log.warnf("Reminder %d: deleting message %d failed (%s); trying again later", posted.id, posted.discordMessageId, problem);
        return false;
    }
}
