package dev.reminderstore.api;

import static dev.reminderstore.Api.api;
import static dev.reminderstore.Api.newId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reminderstore.Api;
import io.quarkus.logging.Log;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The 4 MiB body limit holds without a Content-Length too: a chunked body is refused with 413 problem+json once it
 * passes the limit, and what the client sends after that is dropped, not held on the heap: half-way through a 64 MiB
 * body the heap, after a full collection, holds no more than before it began (the code before this test: 550 MiB at
 * peak, the whole body parsed into members).
 */
@QuarkusTest
class ChunkedBodyLimitTest {

    private static final int CHUNK = 64 * 1024;
    private static final long SENT = 64L * 1024 * 1024;
    private static final String DETAIL = "the body is larger than 4194304 bytes; this service accepts at most 4194304";

    @TestHTTPResource("/")
    URI base;

    @Test
    void aChunkedBodyOverTheLimitIs413AndTheRestIsDropped() throws Exception {
        String guildId = newId();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(baseline);
        AtomicBoolean sending = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sending.get()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        String response;
        long retainedMidway = -1;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()));
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /api/v1/guilds/" + guildId + "/users HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAuthorization: Bearer "
                    + Api.BOT_KEY + "\r\nContent-Type: application/json\r\nAccept: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            long sent = 0;
            try {
                chunk(out, "[".getBytes(StandardCharsets.US_ASCII));
                byte[] members = members(CHUNK);
                for (; sent < SENT; sent += members.length) {
                    chunk(out, members);
                    if (retainedMidway < 0 && sent >= SENT / 2) {
                        out.flush();
                        System.gc();
                        retainedMidway = memory.getHeapMemoryUsage().getUsed() - baseline;
                    }
                }
                chunk(out, "{\"userId\":\"1\",\"username\":\"last\"}]".getBytes(StandardCharsets.US_ASCII));
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException closed) {
                Log.infof("The service closed the connection after %d MiB of the body: %s", sent >> 20, closed.getMessage());
            }
            response = readResponse(socket.getInputStream());
        } finally {
            sending.set(false);
            sampler.join();
        }
        long grewMiB = (peak.get() - baseline) / (1024 * 1024);
        Log.infof("A chunked body of %d MiB over the limit: the heap grew by %d MiB at most while it arrived (garbage"
                + " included), by %d MiB after a full collection half-way", SENT >> 20, grewMiB, retainedMidway >> 20);
        assertThat(response).startsWith("HTTP/1.1 413").containsIgnoringCase("content-type: application/problem+json")
                .contains("\"detail\":\"" + DETAIL + "\"").contains("\"status\":413");
        assertThat(retainedMidway >> 20).as("heap held half-way through the body, MiB").isLessThan(16);
        api().get("/api/v1/guilds/" + guildId).then().statusCode(404); // the bulk replace would have created it
    }

    @Test
    void aChunkedBodyWithinTheLimitIsTaken() throws Exception {
        String guildId = newId();
        byte[] members = ("[{\"userId\":\"" + newId() + "\",\"username\":\"alice\"}]").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/guilds/" + guildId + "/users"))
                .header("Authorization", "Bearer " + Api.BOT_KEY).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(members))).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"added\":1");
    }

    /** Member objects ({@code {...},}) filling about {@code size} bytes. */
    private static byte[] members(int size) {
        StringBuilder text = new StringBuilder(size + 64);
        for (long id = 1_000_000_000_000_000L; text.length() < size; id++) {
            text.append("{\"userId\":\"").append(id).append("\",\"username\":\"member\"},");
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void chunk(OutputStream out, byte[] data) throws Exception {
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** The status line, headers and body of one response whose body has a Content-Length. */
    private static String readResponse(InputStream in) throws Exception {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (true) {
            String text = received.toString(StandardCharsets.ISO_8859_1);
            int headersEnd = text.indexOf("\r\n\r\n");
            if (headersEnd >= 0) {
                int length = Integer.parseInt(text.substring(0, headersEnd).toLowerCase()
                        .replaceAll("(?s).*content-length: *(\\d+).*", "$1"));
                if (received.size() >= headersEnd + 4 + length) {
                    return text.substring(0, headersEnd + 4 + length);
                }
            }
            int read = in.read(buffer);
            if (read < 0) {
                return text;
            }
            received.write(buffer, 0, read);
        }
    }
}
