package dev.reminderstore.migration;

import static dev.reminderstore.Api.admin;
import static dev.reminderstore.Api.api;
import static dev.reminderstore.Api.newId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reminderstore.Api;
import dev.reminderstore.Databases;
import io.quarkus.logging.Log;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A client downloads the export at about 10 KB/s for 15 s while the bot writes: every write answers 2xx within
 * 1 s (the export is a WAL reader, never the writer), and the document is the store of the moment the export began.
 */
@QuarkusTest
class SlowExportTest {

    /** About 7.5 MB of export: more than the kernel's socket buffers (up to 4 MB here) can take while the client reads slowly. */
    private static final int MEMBERS = 40_000;
    private static final Duration SLOW_PHASE = Duration.ofSeconds(15);
    private static final int BYTES_PER_100_MS = 1024;

    private static final String DATABASE = "target/test-data/reminder-store.db";

    @TestHTTPResource("/")
    URI base;

    @Test
    void writesGoOnWhileASlowClientDownloadsTheExportAndTheExportIsOneMoment() throws Exception {
        String guildId = newId();
        List<Map<String, Object>> members = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            members.add(Map.of("userId", newId(), "username", "member" + i));
        }
        api().body(members).put("/api/v1/guilds/" + guildId + "/users").then().statusCode(200);
        Map<String, Integer> atStart = rowCounts();

        List<Long> writeMillis = new ArrayList<>();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()));
            OutputStream request = socket.getOutputStream();
            request.write(("GET /api/v1/admin/export HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAuthorization: Bearer "
                    + Api.ADMIN_KEY + "\r\nAccept: application/json\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            request.flush();
            InputStream response = socket.getInputStream();
            byte[] buffer = new byte[BYTES_PER_100_MS];
            long slowUntil = System.nanoTime() + SLOW_PHASE.toNanos();
            int tick = 0;
            while (System.nanoTime() < slowUntil) {
                int read = response.read(buffer);
                assertThat(read).as("the export ended within the slow phase: make the store larger").isPositive();
                received.write(buffer, 0, read);
                if (tick++ % 5 == 0) {
                    writeMillis.add(timed(() -> api().body(Map.of("name", "written during the export", "settings", Map.of()))
                            .put("/api/v1/guilds/" + newId()).then().statusCode(201)));
                    writeMillis.add(timed(() -> api().body(Map.of("messageId", newId(), "channelId", newId(),
                            "guildId", guildId, "title", "during the export")).post("/api/v1/events").then().statusCode(201)));
                    writeMillis.add(timed(() -> api().body(Map.of("username", "late")).put("/api/v1/guilds/" + guildId
                            + "/users/" + newId()).then().statusCode(201)));
                }
                Thread.sleep(100);
            }
            if (Databases.isSqlite()) {
                assertThat(exportHoldsASnapshotOlderThanTheWrites()).as("the export was still reading at the end").isTrue();
            }
            response.transferTo(received);
        }

        Collections.sort(writeMillis);
        long p99 = writeMillis.get((int) Math.ceil(writeMillis.size() * 0.99) - 1);
        Log.infof("Writes during a slow export: %d, p50 %d ms, p99 %d ms, max %d ms", writeMillis.size(),
                writeMillis.get(writeMillis.size() / 2), p99, writeMillis.get(writeMillis.size() - 1));
        assertThat(writeMillis).hasSizeGreaterThan(60).allSatisfy(millis -> assertThat(millis).isLessThan(1000));

        JsonNode document = new ObjectMapper().readTree(body(received.toByteArray()));
        assertThat(document.get("guilds").size()).isEqualTo(atStart.get("guild"));
        assertThat(document.get("users").size()).isEqualTo(atStart.get("user"));
        assertThat(document.get("events").size()).isEqualTo(atStart.get("event"));
        assertThat(rowCounts().get("guild")).isEqualTo(atStart.get("guild") + writeMillis.size() / 3);
    }

    /**
     * A checkpoint that may not wait cannot copy the whole WAL back while a reader still reads a snapshot older than
     * the last commit: it answers busy then.
     */
    private static boolean exportHoldsASnapshotOlderThanTheWrites() throws Exception {
        try (Connection outside = DriverManager.getConnection("jdbc:sqlite:" + DATABASE + "?busy_timeout=0");
             Statement statement = outside.createStatement();
             ResultSet checkpoint = statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            checkpoint.next();
            return checkpoint.getInt(1) == 1;
        }
    }

    private static Map<String, Integer> rowCounts() {
        return admin().get("/api/v1/admin/database").then().statusCode(200).extract().path("rowCounts");
    }

    private static long timed(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** The body of an HTTP/1.1 response, its chunked framing undone. */
    private static byte[] body(byte[] response) {
        String text = new String(response, StandardCharsets.ISO_8859_1);
        int start = text.indexOf("\r\n\r\n") + 4;
        assertThat(text).startsWith("HTTP/1.1 200");
        if (!text.substring(0, start).toLowerCase().contains("transfer-encoding: chunked")) {
            return text.substring(start).getBytes(StandardCharsets.ISO_8859_1);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = start;
        while (true) {
            int lineEnd = text.indexOf("\r\n", at);
            int size = Integer.parseInt(text.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                return body.toByteArray();
            }
            body.write(response, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
