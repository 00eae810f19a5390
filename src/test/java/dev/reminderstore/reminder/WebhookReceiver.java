package dev.reminderstore.reminder;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the bot does with a webhook request, as docs/reminders.md tells it: check the timestamp against a replay
 * window, recompute the HMAC over {@code timestamp.body} and compare in constant time, then drop a delivery id it
 * has already handled. Written from the docs, not from the sender's code.
 */
final class WebhookReceiver {

    static final Duration REPLAY_WINDOW = Duration.ofMinutes(5);

    private final byte[] secret;
    private final Set<String> handled = ConcurrentHashMap.newKeySet();

    WebhookReceiver(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** @return "accepted", or why the request is refused */
    String receive(Map<String, String> headers, String body, Instant now) throws GeneralSecurityException {
        String delivery = headers.get("x-reminder-delivery");
        String timestamp = headers.get("x-reminder-timestamp");
        String signature = headers.get("x-reminder-signature");
        if (delivery == null || timestamp == null || signature == null || !signature.startsWith("v1=")) {
            return "missing signature headers";
        }
        long sentAt;
        try {
            sentAt = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return "bad timestamp";
        }
        if (Math.abs(now.getEpochSecond() - sentAt) > REPLAY_WINDOW.toSeconds()) {
            return "timestamp outside the replay window";
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        byte[] expected = HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)))
                .getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.substring(3).getBytes(StandardCharsets.US_ASCII))) {
            return "bad signature";
        }
        return handled.add(delivery) ? "accepted" : "already handled: " + delivery;
    }
}
