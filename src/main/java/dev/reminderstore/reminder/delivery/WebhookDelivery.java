package dev.reminderstore.reminder.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reminderstore.config.StoreConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POSTs each reminder as JSON to REMINDER_WEBHOOK_URL (the bot posts it itself), signed as Stripe and Slack sign
 * theirs: {@code X-Reminder-Timestamp} (Unix seconds of this attempt) and
 * {@code X-Reminder-Signature: v1=<hex HMAC-SHA256 of "<timestamp>.<body>" under REMINDER_WEBHOOK_SECRET>}, so a
 * receiver can refuse a replayed request; {@code X-Reminder-Delivery} is the same in every attempt of one reminder
 * (retries, a peer's redelivery), so it can drop a second copy. A 2xx answer is success; 5xx and timeouts are
 * retried like Discord calls, each attempt signed afresh.
 */
@Singleton
public class WebhookDelivery implements ReminderDelivery {

    public static final String DELIVERY_HEADER = "X-Reminder-Delivery";
    public static final String TIMESTAMP_HEADER = "X-Reminder-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Reminder-Signature";

    private final URI url;
    private final SecretKeySpec key;
    private final StoreConfig.Discord timing;
    private final ObjectMapper json;
    private final RetryingSender sender;

    @Inject
    public WebhookDelivery(StoreConfig config, ObjectMapper json) {
        this(config.reminders().webhook().url().orElseThrow(() -> new IllegalStateException(
                        "REMINDER_DELIVERY=webhook needs REMINDER_WEBHOOK_URL")),
                config.reminders().webhook().secret().orElseThrow(() -> new IllegalStateException(
                        "REMINDER_DELIVERY=webhook needs REMINDER_WEBHOOK_SECRET to sign its requests")),
                config.reminders().discord(), json);
    }

    /** @param timing timeout and retries, the same as for Discord calls */
    public WebhookDelivery(URI url, String secret, StoreConfig.Discord timing, ObjectMapper json) {
        this.url = url;
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.timing = timing;
        this.json = json;
        HttpClient http = HttpClient.newBuilder().connectTimeout(timing.timeout()).build();
        this.sender = new RetryingSender(http, timing.maxRetries(), timing.retryBackoff());
    }

    @Override
    public DeliveryResult deliver(Reminder reminder) {
        try {
            byte[] body = json.writeValueAsBytes(payload(reminder));
            HttpResponse<String> answer = sender.send(() -> {
                String timestamp = Long.toString(Instant.now().getEpochSecond());
                return HttpRequest.newBuilder(url)
                        .timeout(timing.timeout())
                        .header("Content-Type", "application/json")
                        .header(DELIVERY_HEADER, reminder.deliveryId())
                        .header(TIMESTAMP_HEADER, timestamp)
                        .header(SIGNATURE_HEADER, "v1=" + sign(timestamp, body))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            }, RetryingSender.UNPACED);
            int status = answer.statusCode();
            if (status >= 200 && status < 300) {
                return DeliveryResult.sent();
            }
            String text = answer.body() == null ? "" : answer.body().strip();
            return DeliveryResult.failed("webhook answered " + status
                    + (text.isEmpty() ? "" : ": " + (text.length() > 200 ? text.substring(0, 200) : text)));
        } catch (IOException e) {
            return DeliveryResult.failed("webhook did not answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryResult.failed("interrupted");
        }
    }

    static Map<String, Object> payload(Reminder reminder) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("messageId", Long.toString(reminder.messageId()));
        event.put("channelId", Long.toString(reminder.channelId()));
        event.put("guildId", Long.toString(reminder.guildId()));
        event.put("title", reminder.title());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("reminderLogId", reminder.logId());
        payload.put("event", event);
        payload.put("targetChannelId", Long.toString(reminder.targetChannelId()));
        payload.put("missingUserIds", reminder.missingUserIds().stream().map(String::valueOf).toList());
        payload.put("counts", Map.of("responded", reminder.responded(), "missing", reminder.missing(), "total", reminder.total()));
        payload.put("scheduledAt", reminder.scheduledAt().toString());
        payload.put("link", reminder.link());
        payload.put("content", ReminderMessage.content(reminder));
        return payload;
    }

    /** The hex HMAC-SHA256 of {@code timestamp.body}: the timestamp is signed with the body, so neither can change. */
    private String sign(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
