package dev.reminderstore.reminder.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reminderstore.config.StoreConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calls of Discord's HTTP API this service makes, within Discord's rules (docs: Rate Limits): the global 50
 * requests per second; per-route buckets keyed by {@code X-RateLimit-Bucket} and the channel, paced by what the
 * answers' {@code X-RateLimit-*} headers say; a 429's {@code retry_after} held by every caller of the bucket (or of
 * all, when global); and a {@link DiscordBreaker} that stops every call after a 401 or when too many invalid
 * requests were made, so that Discord never has to ban the bot's IP.
 *
 * <p>It uses the JDK's {@code java.net.http} client rather than a generated REST client: rate limiting needs the
 * raw status, headers and body of every answer (including 429 and 5xx) and control over each retry, which a
 * declarative client hides behind exceptions. Each request carries the bot token; it is never logged.
 */
@ApplicationScoped
public class DiscordClient {

    private static final int REQUESTS_PER_SECOND = 50;
    private static final String POST_MESSAGE = "POST /channels/{channel}/messages";
    private static final String DELETE_MESSAGE = "DELETE /channels/{channel}/messages/{message}";

    private final StoreConfig.Discord config;
    private final ObjectMapper json;
    private final RetryingSender sender;
    private final RateLimiter global = new RateLimiter(REQUESTS_PER_SECOND, Duration.ofSeconds(1));
    /** Discord's bucket of each route, once an answer has named it ({@code X-RateLimit-Bucket}). */
    private final Map<String, String> bucketOfRoute = new ConcurrentHashMap<>();
    /** Per bucket (or route, until its bucket is known) and channel, the top-level resource of these routes. */
    private final Map<String, RouteBucket> buckets = new ConcurrentHashMap<>();
    private final DiscordBreaker breaker;
    private final Counter invalidRequests;

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

    /** No call was made: the breaker is open ({@link #stoppedBecause()}). */
    public static final class StoppedException extends IOException {
        StoppedException(String reason) {
            super("Discord delivery is stopped: " + reason);
        }
    }

    public DiscordClient(StoreConfig config, ObjectMapper json, MeterRegistry registry) {
        this.config = config.reminders().discord();
        this.json = json;
        HttpClient http = HttpClient.newBuilder().connectTimeout(this.config.timeout()).build();
        this.sender = new RetryingSender(http, this.config.maxRetries(), this.config.retryBackoff());
        this.breaker = new DiscordBreaker(this.config.invalidRequestBudget(), this.config.probeBackoff(),
                this.config.maxProbeBackoff());
        this.invalidRequests = Counter.builder("discord.invalid.requests")
                .description("Answers Discord counts against its invalid-request limit (401, 403, 429 not shared) and 404")
                .register(registry);
        Gauge.builder("discord.stopped", this, client -> client.status().isPresent() ? 1 : 0)
                .description("1 while Discord delivery is stopped (a 401, or the invalid-request budget spent)")
                .register(registry);
    }

    public boolean hasToken() {
        return config.token().isPresent();
    }

    /**
     * Why calls to Discord are stopped now, or empty when they may go. When the breaker is open on a 401 and the
     * wait is over, it probes the token first ({@code GET /users/@me}, which posts nothing).
     */
    public Optional<String> stoppedBecause() throws InterruptedException {
        if (breaker.probeDue(System.nanoTime())) {
            probe();
        }
        return status();
    }

    /** Why calls are stopped, without probing (health, metrics). */
    public Optional<String> status() {
        return breaker.stoppedBecause(System.nanoTime());
    }

    /** Invalid answers in the last 10 minutes, and the budget they are held under. */
    public int invalidRequestsInWindow() {
        return breaker.invalidInWindow(System.nanoTime());
    }

    public int invalidRequestBudget() {
        return breaker.budget();
    }

    /** POST /channels/{channel}/messages */
    public Answer postMessage(long channelId, Map<String, Object> message) throws IOException, InterruptedException {
        byte[] body = json.writeValueAsBytes(message);
        return call(POST_MESSAGE, channelId, request("/channels/" + channelId + "/messages")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** DELETE /channels/{channel}/messages/{message}: a bucket of its own, whose 429s hold back only deletions. */
    public Answer deleteMessage(long channelId, long messageId) throws IOException, InterruptedException {
        return call(DELETE_MESSAGE, channelId, request("/channels/" + channelId + "/messages/" + messageId).DELETE());
    }

    private void probe() throws InterruptedException {
        int status;
        try {
            global.acquire();
            status = sender.sendOnce(request("/users/@me").GET().build()).statusCode();
        } catch (IOException noAnswer) {
            status = 0;
        }
        if (breaker.answered(status, false, System.nanoTime())) {
            invalidRequests.increment();
        }
        breaker.probed(status, System.nanoTime());
    }

    private HttpRequest.Builder request(String path) {
        String token = config.token().orElseThrow(() -> new IllegalStateException("DISCORD_TOKEN is not set"));
        String base = config.apiBaseUrl().toString().replaceAll("/+$", "");
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(config.timeout())
                .header("Authorization", "Bot " + token)
                .header("User-Agent", "DiscordBot (reminder-store, 1.0)");
    }

    private RouteBucket bucket(String route, long channelId) {
        return buckets.computeIfAbsent(bucketOfRoute.getOrDefault(route, route) + ":" + channelId, key -> new RouteBucket());
    }

    private Answer call(String route, long channelId, HttpRequest.Builder request) throws IOException, InterruptedException {
        Optional<String> stopped = status();
        if (stopped.isPresent()) {
            throw new StoppedException(stopped.get());
        }
        HttpResponse<String> answer = sender.send(request::build, new RetryingSender.Pacing() {
            private RouteBucket bucket;

            @Override
            public void beforeAttempt() throws InterruptedException, StoppedException {
                Optional<String> stoppedNow = status();
                if (stoppedNow.isPresent()) {
                    throw new StoppedException(stoppedNow.get());
                }
                bucket = bucket(route, channelId);
                bucket.acquire();
                try {
                    global.acquire();
                } catch (InterruptedException e) {
                    bucket.release();
                    throw e;
                }
            }

            @Override
            public Duration afterAnswer(HttpResponse<String> answer) {
                try {
                    return observeLimits(route, bucket, answer);
                } finally {
                    bucket.release();
                }
            }

            @Override
            public void afterNoAnswer() {
                bucket.release();
            }
        });
        return new Answer(answer.statusCode(), parse(answer.body()));
    }

    /**
     * Learns the route's bucket and what is left in it, and holds back the bucket (or everyone, for a global 429) as
     * long as Discord asks. The limiters do the waiting, so every caller heading the same way waits, not only the
     * one that was told; the 429 itself is tried again at once and waits in the limiter.
     */
    private Duration observeLimits(String route, RouteBucket bucket, HttpResponse<String> answer) {
        long now = System.nanoTime();
        HttpHeaders headers = answer.headers();
        headers.firstValue("X-RateLimit-Bucket").map(String::trim).filter(hash -> !hash.isEmpty())
                .ifPresent(hash -> bucketOfRoute.put(route, hash));
        Integer remaining = headers.firstValue("X-RateLimit-Remaining").map(String::trim).map(DiscordClient::integer).orElse(null);
        Duration resetAfter = headers.firstValue("X-RateLimit-Reset-After").map(RetryingSender::seconds).orElse(null);
        bucket.observe(remaining, resetAfter, now);
        boolean shared = headers.firstValue("X-RateLimit-Scope").map(String::trim).filter("shared"::equalsIgnoreCase).isPresent();
        if (breaker.answered(answer.statusCode(), shared, now)) {
            invalidRequests.increment();
        }
        if (answer.statusCode() == 429) {
            JsonNode body = parse(answer.body());
            Duration retryAfter = body.hasNonNull("retry_after") ? RetryingSender.seconds(body.get("retry_after").asText())
                    : headers.firstValue("Retry-After").map(RetryingSender::seconds).orElse(Duration.ofSeconds(1));
            boolean isGlobal = body.path("global").asBoolean(false)
                    || headers.firstValue("X-RateLimit-Global").map(Boolean::parseBoolean).orElse(false);
            if (isGlobal) {
                global.blockFor(retryAfter);
            } else {
                bucket.blockUntil(now + retryAfter.toNanos());
            }
        }
        return Duration.ZERO;
    }

    private static Integer integer(String text) {
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
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
