package dev.reminderstore.reminder.delivery;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Posts the reminder in the channel. Only the users it names may be pinged ({@code allowed_mentions}), and its
 * nonce, the reminder's delivery id, makes Discord answer a repeated copy with the message it already made
 * ({@code enforce_nonce}): neither a retry of a request that timed out after Discord took it, nor a peer's
 * redelivery after a crash, posts twice.
 */
@Singleton
public class DiscordDelivery implements ReminderDelivery {

    private final DiscordClient discord;

    public DiscordDelivery(DiscordClient discord) {
        if (!discord.hasToken()) {
            throw new IllegalStateException("REMINDER_DELIVERY=discord needs DISCORD_TOKEN");
        }
        this.discord = discord;
    }

    @Override
    public DeliveryResult deliver(Reminder reminder) {
        try {
            DiscordClient.Answer answer = discord.postMessage(reminder.targetChannelId(), message(reminder));
            if (answer.isSuccess()) {
                String id = answer.body().path("id").asText("");
                return DeliveryResult.postedToDiscord(reminder.targetChannelId(), id.isEmpty() ? null : Long.valueOf(id));
            }
            // The token was refused: nothing was posted, and the breaker now stops every call until a probe passes.
            if (answer.status() == 401) {
                return DeliveryResult.notAttempted(answer.error());
            }
            // The channel or message is gone, or the bot may not post there: reminding again would fail the same way.
            if (answer.status() == 403 || answer.status() == 404) {
                return DeliveryResult.failedAndPause(answer.error());
            }
            return DeliveryResult.failed(answer.error());
        } catch (DiscordClient.StoppedException e) {
            return DeliveryResult.notAttempted(e.getMessage());
        } catch (IOException e) {
            return DeliveryResult.failed("Discord did not answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryResult.failed("interrupted");
        }
    }

    @Override
    public Optional<String> stoppedBecause() throws InterruptedException {
        return discord.stoppedBecause();
    }

    static Map<String, Object> message(Reminder reminder) {
        List<String> mentioned = ReminderMessage.mentioned(reminder).stream().map(String::valueOf).toList();
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("content", ReminderMessage.content(reminder));
        message.put("allowed_mentions", Map.of("parse", List.of(), "users", mentioned));
        message.put("nonce", reminder.deliveryId());
        message.put("enforce_nonce", true);
        return message;
    }
}
