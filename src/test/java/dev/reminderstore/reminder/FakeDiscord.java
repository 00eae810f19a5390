package dev.reminderstore.reminder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for Discord's HTTP API (and for a webhook receiver) on loopback, started once for the tests.
 * It records every request; by default it posts messages, deletes them, and accepts webhooks. Like Discord, a
 * message sent with {@code enforce_nonce: true} and a nonce already used answers the message made the first time
 * and posts nothing new. Tests script other answers per path, and may slow every answer down.
 */
public final class FakeDiscord {

    public static final FakeDiscord INSTANCE = start();
    public static final String API = "/api/v10";
    private static final ObjectMapper JSON = new ObjectMapper();

    record Request(String method, String path, Map<String, String> headers, String body, long receivedAtMillis) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    public record Answer(int status, String body, Map<String, String> headers) {
        public static Answer of(int status, String body) {
            return new Answer(status, body, Map.of());
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Long> messageByNonce = new ConcurrentHashMap<>();
    private final AtomicLong nextMessageId = new AtomicLong(900_000_000_000L);
    /** Messages posted (not answered from a nonce), per channel path. */
    private final Map<String, AtomicLong> posted = new ConcurrentHashMap<>();
    private volatile long answerDelayMillis;

    private FakeDiscord(HttpServer server) {
        this.server = server;
    }

    private static FakeDiscord start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeDiscord fake = new FakeDiscord(server);
            server.createContext("/", fake::handle);
            server.setExecutor(Executors.newFixedThreadPool(8));
            server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public static String messagesPath(String channelId) {
        return API + "/channels/" + channelId + "/messages";
    }

    /** The answers the next requests to {@code path} get, in order; afterwards the defaults again. */
    public void script(String path, Answer... answers) {
        scripts.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(List.of(answers));
    }

    /** Each answer comes this much later (a slow Discord keeps deliveries in flight); 0 to answer at once. */
    public void delayAnswers(Duration delay) {
        answerDelayMillis = delay.toMillis();
    }

    /** How many messages were really posted to {@code path}: a repeated enforced nonce posts none. */
    public long postedMessages(String path) {
        AtomicLong count = posted.get(path);
        return count == null ? 0 : count.get();
    }

    /** Drops the answers still scripted for {@code path}: the defaults again. */
    public void unscript(String path) {
        scripts.remove(path);
    }

    /** The id of the message posted with this nonce. */
    long messageIdFor(String nonce) {
        return messageByNonce.get(nonce);
    }

    List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new ConcurrentHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
        String path = exchange.getRequestURI().getPath();
        Request request = new Request(exchange.getRequestMethod(), path, headers, body, System.currentTimeMillis());
        requests.add(request);
        Deque<Answer> script = scripts.get(path);
        Answer answer;
        synchronized (this) {
            answer = script == null ? null : script.poll();
        }
        if (answer == null) {
            answer = defaultAnswer(request);
        }
        if (answerDelayMillis > 0) {
            try {
                Thread.sleep(answerDelayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private long post(String path) {
        posted.computeIfAbsent(path, p -> new AtomicLong()).incrementAndGet();
        return nextMessageId.incrementAndGet();
    }

    private Answer defaultAnswer(Request request) {
        if (request.method().equals("POST") && request.path().endsWith("/messages")) {
            JsonNode message = request.json();
            String nonce = message.path("nonce").asText();
            long id = message.path("enforce_nonce").asBoolean(false)
                    ? messageByNonce.computeIfAbsent(nonce, n -> post(request.path()))
                    : post(request.path());
            return Answer.of(200, "{\"id\":\"" + id + "\",\"content\":\"…\"}");
        }
        if (request.method().equals("DELETE")) {
            return Answer.of(204, "");
        }
        if (request.path().equals("/webhook")) {
            return Answer.of(204, "");
        }
        return Answer.of(404, "{\"message\":\"404: Not Found\",\"code\":0}");
    }
}
