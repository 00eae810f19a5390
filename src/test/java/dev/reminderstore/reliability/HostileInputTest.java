package dev.reminderstore.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reminderstore.Api;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * 10,000 random and malformed requests across every endpoint (a seeded generator, so a failure can be replayed):
 * broken and deeply nested JSON, wrong types, huge strings and numbers, invalid UTF-8, odd content types and
 * headers, path tricks. No answer may be a 5xx, every error must be problem+json, the service must be ready
 * afterwards, and the well-formed writes mixed in must all be there.
 */
@QuarkusTest
class HostileInputTest {

    private static final int REQUESTS = 10_000;
    private static final int CLIENTS = 4;
    private static final long SEED = Long.getLong("hostile.seed", 20261125L);

    private static final String[] METHODS = {"GET", "PUT", "POST", "PATCH", "DELETE", "HEAD", "OPTIONS"};
    private static final String[] PATHS = {
            "/api/v1/guilds", "/api/v1/guilds/{id}", "/api/v1/guilds/{id}/users", "/api/v1/guilds/{id}/users/{id}",
            "/api/v1/events", "/api/v1/events/{id}", "/api/v1/events/{id}/status", "/api/v1/events/{id}/remind",
            "/api/v1/events/{id}/reactions", "/api/v1/events/{id}/reactions/{id}", "/api/v1/events/{id}/reminder-logs",
            "/api/v1/reminder-logs", "/api/v1/admin/database", "/api/v1/admin/backups", "/api/v1/admin/integrity-check",
            "/api/v1/admin/migrate", "/api/v1/admin/import"};
    private static final String[] IDS = {"1", "0", "-1", "9223372036854775807", "9223372036854775808",
            "99999999999999999999999999", "abc", "1.5", "1e9", "%00", "..%2F..%2Fetc%2Fpasswd", "%2e%2e", "😀", "%F0%9F%98%80",
            "", "x".repeat(3000), "1;drop table event", "'", "%27%20or%201%3D1", "%ZZ"};
    private static final String[] CONTENT_TYPES = {"application/json", "application/merge-patch+json", "text/plain",
            "application/xml", "application/json; charset=ISO-8859-1", "multipart/form-data; boundary=x", "garbage/%%",
            "application/x-www-form-urlencoded", ""};
    private static final String[] KEYS = {Api.BOT_KEY, Api.ADMIN_KEY, "wrong", "", "Bearer"};

    @TestHTTPResource("/")
    URI base;

    private final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void randomAndMalformedRequestsNeverBreakTheService() throws Exception {
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        statuses.clear();
        Map<String, String> written = new ConcurrentHashMap<>();
        AtomicInteger sent = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            Random random = new Random(SEED + c);
            int client = c;
            running.add(clients.submit(() -> {
                for (int i = 0; i < REQUESTS / CLIENTS; i++) {
                    if (i % 50 == 0) {
                        wellFormedWrite(client, i, written, failures);
                    } else {
                        hostile(random, failures);
                    }
                    sent.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> future : running) {
            future.get(10, TimeUnit.MINUTES);
        }
        clients.shutdownNow();

        assertThat(failures).as("5xx or non-problem answers").isEmpty();
        assertThat(sent.get()).isEqualTo(REQUESTS);
        // the generator reaches every layer: the key check, parsing, validation, routing, and the handlers
        assertThat(statuses.keySet()).contains(200, 400, 401, 403, 404, 405, 415);
        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(base.resolve("/q/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        for (Map.Entry<String, String> user : written.entrySet()) {
            HttpResponse<String> read = http.send(withKey(HttpRequest.newBuilder(base.resolve(user.getKey())), Api.BOT_KEY).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(read.statusCode()).as(user.getKey()).isEqualTo(200);
            assertThat(read.body()).contains("\"username\":\"" + user.getValue() + "\"");
        }
    }

    private void hostile(Random random, ConcurrentLinkedQueue<String> failures) {
        String method = pick(random, METHODS);
        String path = pick(random, PATHS);
        while (path.contains("{id}")) {
            path = path.replaceFirst("\\{id}", random.nextInt(3) == 0 ? pick(random, IDS) : Long.toString(1 + random.nextInt(1000)));
        }
        if (random.nextInt(10) == 0) {
            path += "?limit=" + pick(random, IDS) + "&cursor=" + pick(random, IDS) + "&since=" + pick(random, IDS)
                    + "&status=" + pick(random, IDS) + "&dryRun=" + pick(random, IDS);
        }
        byte[] body = body(random);
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path)).timeout(Duration.ofSeconds(30));
        } catch (IllegalArgumentException notAUri) {
            return; // the client itself refuses to send it
        }
        String contentType = pick(random, CONTENT_TYPES);
        if (!contentType.isEmpty()) {
            request.header("Content-Type", contentType);
        }
        if (random.nextInt(8) == 0) {
            request.header("Accept", random.nextBoolean() ? "text/html" : "application/xml;q=0.9, */*;q=0.1");
        }
        if (random.nextInt(8) == 0) {
            request.header("If-Match", random.nextBoolean() ? "\"abc\"" : "W/\"" + random.nextInt() + "\"");
        }
        withKey(request, pick(random, KEYS));
        HttpRequest.BodyPublisher publisher = body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body);
        try {
            HttpResponse<String> answer = http.send(request.method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
            int status = answer.statusCode();
            statuses.merge(status, 1, Integer::sum);
            boolean problem = answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json");
            // 501 is a documented answer (file operations on PostgreSQL), not a failure
            if ((status >= 500 && status != 501) || (status >= 400 && !method.equals("HEAD") && !problem)) {
                failures.add(method + " " + path + " [" + contentType + "] -> " + status + " " + abbreviate(answer.body()));
            }
        } catch (Exception e) {
            failures.add(method + " " + path + " -> " + e);
        }
    }

    private void wellFormedWrite(int client, int i, Map<String, String> written, ConcurrentLinkedQueue<String> failures) {
        String path = "/api/v1/guilds/" + (77_000 + client) + "/users/" + (1_000_000 + i);
        String username = "user-" + client + "-" + i;
        try {
            HttpResponse<String> answer = http.send(withKey(HttpRequest.newBuilder(base.resolve(path)), Api.BOT_KEY)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() / 100 == 2) {
                written.put(path, username);
            } else {
                failures.add("well-formed PUT " + path + " -> " + answer.statusCode() + " " + answer.body());
            }
        } catch (Exception e) {
            failures.add("well-formed PUT " + path + " -> " + e);
        }
    }

    /** One of many kinds of broken or odd bodies. */
    private static byte[] body(Random random) {
        return switch (random.nextInt(14)) {
            case 0 -> new byte[0];
            case 1 -> "{".getBytes(StandardCharsets.UTF_8);
            case 2 -> ("[".repeat(5_000) + "]".repeat(5_000)).getBytes(StandardCharsets.UTF_8);
            case 3 -> ("{\"a\":".repeat(3_000) + "1" + "}".repeat(3_000)).getBytes(StandardCharsets.UTF_8);
            case 4 -> new byte[]{'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'};
            case 5 -> ("{\"name\":\"" + "x".repeat(200_000) + "\"}").getBytes(StandardCharsets.UTF_8);
            case 6 -> "{\"intervalMinutes\": 1e999999, \"messageId\": 123456789012345678901234567890}".getBytes(StandardCharsets.UTF_8);
            case 7 -> "[{\"userId\": {}, \"emoji\": []}, null, 5, \"x\"]".getBytes(StandardCharsets.UTF_8);
            case 8 -> "{\"messageId\":\"1\",\"channelId\":\"2\",\"guildId\":\"3\",\"title\":\"\\u0000\\ud800\"}".getBytes(StandardCharsets.UTF_8);
            case 9 -> "null".getBytes(StandardCharsets.UTF_8);
            case 10 -> "{\"title\": \"ok\", \"title\": \"twice\", \"isPaused\": \"yes\"}".getBytes(StandardCharsets.UTF_8);
            case 11 -> randomBytes(random);
            case 12 -> "{\"emoji\": \"👨‍👩‍👧‍👦\", \"username\": \"ok\", \"settings\": {\"reminderChannelId\": -1}}".getBytes(StandardCharsets.UTF_8);
            default -> "\"just a string\"".getBytes(StandardCharsets.UTF_8);
        };
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[1 + random.nextInt(2_000)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static HttpRequest.Builder withKey(HttpRequest.Builder request, String key) {
        return key.isEmpty() ? request : request.header("Authorization", "Bearer " + key);
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
