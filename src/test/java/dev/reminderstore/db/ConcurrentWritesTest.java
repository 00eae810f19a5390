package dev.reminderstore.db;

import static dev.reminderstore.Api.newId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reminderstore.Fixtures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** SQLite has one writer; the service must still never answer "database is locked", and reads must not wait for writes. */
@QuarkusTest
class ConcurrentWritesTest {

    private static final int CLIENTS = 32;
    private static final int ROUNDS = 10;

    @TestHTTPResource("/api/v1")
    URI api;

    @Inject
    WriteQueue writeQueue;

    @Inject
    EntityManager entityManager;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void thirtyTwoClientsDoingReadThenWriteSeeNoErrors() throws Exception {
        String guildId = Fixtures.guildWithMembers("1", "2", "3");
        String messageId = Fixtures.event(guildId);
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger requests = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int client = 0; client < CLIENTS; client++) {
                int number = client;
                running.add(clients.submit(() -> {
                    for (int round = 0; round < ROUNDS; round++) {
                        String userId = Integer.toString(1000 + number * ROUNDS + round);
                        call("GET", "/events/" + messageId + "/status", null, failures, requests);
                        call("PUT", "/events/" + messageId + "/reactions/" + userId, "{\"emoji\":\"✅\"}", failures, requests);
                        call("PUT", "/guilds/" + guildId + "/users/" + userId, "{\"username\":\"u" + userId + "\"}", failures, requests);
                        call("PATCH", "/events/" + messageId, "{\"description\":\"round " + round + "\"}", failures, requests);
                        call("POST", "/events", "{\"messageId\":\"" + newId() + "\",\"channelId\":\"9\",\"guildId\":\"" + guildId
                                + "\",\"title\":\"t\"}", failures, requests);
                    }
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get(5, TimeUnit.MINUTES);
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(failures).isEmpty();
        assertThat(requests.get()).isEqualTo(CLIENTS * ROUNDS * 5);
    }

    @Test
    void readsAnswerWhileAWriteTransactionHoldsTheLock() throws Exception {
        String messageId = Fixtures.event(Fixtures.guildWithMembers("1"));
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch readDone = new CountDownLatch(1);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        Future<?> heldWrite = writer.submit(() -> writeQueue.serialize(() -> QuarkusTransaction.requiringNew().call(() -> {
            entityManager.createNativeQuery("update event set title = title where message_id = " + messageId).executeUpdate();
            writing.countDown();
            readDone.await(10, TimeUnit.SECONDS);
            return null;
        })));
        try {
            assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
            long start = System.nanoTime();
            HttpResponse<String> read = http.send(request("GET", "/events/" + messageId, null).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.ofString());
            long millis = (System.nanoTime() - start) / 1_000_000;
            readDone.countDown();
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(millis).as("a read waited for the writer").isLessThan(3000);
        } finally {
            readDone.countDown();
            heldWrite.get(10, TimeUnit.SECONDS);
            writer.shutdownNow();
        }
    }

    private void call(String method, String path, String body, ConcurrentLinkedQueue<String> failures, AtomicInteger requests) {
        try {
            HttpResponse<String> response = http.send(request(method, path, body).build(), HttpResponse.BodyHandlers.ofString());
            requests.incrementAndGet();
            if (response.statusCode() >= 300) {
                failures.add(method + " " + path + " -> " + response.statusCode() + " " + response.body());
            }
        } catch (Exception e) {
            failures.add(method + " " + path + " -> " + e);
        }
    }

    private HttpRequest.Builder request(String method, String path, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", method.equals("PATCH") ? "application/merge-patch+json" : "application/json");
        for (Map.Entry<String, String> header : dev.reminderstore.Api.headers().entrySet()) {
            builder.header(header.getKey(), header.getValue());
        }
        return builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    }
}
