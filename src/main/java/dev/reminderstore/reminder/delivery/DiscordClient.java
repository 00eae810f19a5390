package dev.reminderstore.reminder.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reminderstore.config.StoreConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The two calls of Discord's HTTP API this service makes, within Discord's limits: 50 requests per second in
 * all, 5 messages per 5 seconds per channel, and whatever a 429 or the {@code X-RateLimit-*} headers say.
 *
 * <p>It uses the JDK's {@code java.net.http} client rather than a generated REST client: rate limiting needs the
 * raw status, headers and body of every answer (including 429 and 5xx) and control over each retry, which a
 * declarative client hides behind exceptions. Each request carries the bot token; it is never logged.
 */
@ApplicationScoped
public class DiscordClient {

    private static final Duration CHANNEL_WINDOW = Duration.ofSeconds(5);
    private static final int MESSAGES_PER_CHANNEL_WINDOW = 5;
    private static final int REQUESTS_PER_SECOND = 50;

    private final StoreConfig.Discord config;
    private final ObjectMapper json;
    private final RetryingSender sender;
    private final RateLimiter global = new RateLimiter(REQUESTS_PER_SECOND, Duration.ofSeconds(1));
    private final Map<Long, RateLimiter> channels = new ConcurrentHashMap<>();

    /** Discord's answer: its status and its JSON body (an empty object when there is none). */
    public record Answer(int status, JsonNode body) {
        public boolean isSuccess() {
            return status >= 200 && status < 300;
        }

        /** Discord's own words for an error ({@code message}), for the log row. */
        public String error() {
            String message = body.path("message").asText("");
            return "Discord answered " + status + (message.isEmpty() ? "" : ": " + message);
        }
    }

    public DiscordClient(StoreConfig config, ObjectMapper json) {
        this.config = config.reminders().discord();
        this.json = json;
        HttpClient http = HttpClient.newBuilder().connectTimeout(this.config.timeout()).build();
        this.sender = new RetryingSender(http, this.config.maxRetries(), this.config.retryBackoff());
    }

    public boolean hasToken() {
        return config.token().isPresent();
    }

    /** POST /channels/{channel}/messages */
    public Answer postMessage(long channelId, Map<String, Object> message) throws IOException, InterruptedException {
        byte[] body = json.writeValueAsBytes(message);
        RateLimiter channel = channels.computeIfAbsent(channelId, id -> new RateLimiter(MESSAGES_PER_CHANNEL_WINDOW, CHANNEL_WINDOW));
        return call(channel, request("/channels/" + channelId + "/messages")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** DELETE /channels/{channel}/messages/{message} */
    public Answer deleteMessage(long channelId, long messageId) throws IOException, InterruptedException {
        return call(null, request("/channels/" + channelId + "/messages/" + messageId).DELETE());
    }

    private HttpRequest.Builder request(String path) {
        String token = config.token().orElseThrow(() -> new IllegalStateException("DISCORD_TOKEN is not set"));
        String base = config.apiBaseUrl().toString().replaceAll("/+$", "");
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(config.timeout())
                .header("Authorization", "Bot " + token)
                .header("User-Agent", "DiscordBot (reminder-store, 1.0)");
    }

    private Answer call(RateLimiter route, HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> answer = sender.send(request::build, new RetryingSender.Pacing() {
            @Override
            public void beforeAttempt() throws InterruptedException {
                if (route != null) {
                    route.acquire();
                }
                global.acquire();
            }

            @Override
            public Duration afterAnswer(HttpResponse<String> answer) {
                return observeLimits(route, answer);
            }
        });
        return new Answer(answer.statusCode(), parse(answer.body()));
    }

    /**
     * Holds back the route (or everyone, for a global 429) as long as Discord asks. The limiters do the waiting,
     * so that every thread heading the same way waits too, not only the one that was told.
     */
    private Duration observeLimits(RateLimiter route, HttpResponse<String> answer) {
        boolean exhausted = answer.headers().firstValue("X-RateLimit-Remaining").map(String::trim).filter("0"::equals).isPresent();
        if (exhausted && route != null) {
            answer.headers().firstValue("X-RateLimit-Reset-After").map(RetryingSender::seconds).ifPresent(route::blockFor);
        }
        if (answer.statusCode() == 429) {
            JsonNode body = parse(answer.body());
            Duration retryAfter = body.hasNonNull("retry_after") ? RetryingSender.seconds(body.get("retry_after").asText())
                    : answer.headers().firstValue("Retry-After").map(RetryingSender::seconds).orElse(Duration.ofSeconds(1));
            boolean isGlobal = body.path("global").asBoolean(false)
                    || answer.headers().firstValue("X-RateLimit-Global").map(Boolean::parseBoolean).orElse(false);
            (isGlobal || route == null ? global : route).blockFor(retryAfter);
        }
        return Duration.ZERO;
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException notJson) {
            return json.createObjectNode().put("message", body.length() > 200 ? body.substring(0, 200) : body);
        }
    }
}
