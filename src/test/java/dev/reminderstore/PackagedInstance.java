package dev.reminderstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A packaged build of the service ({@code quarkus-run.jar}) started as its own process on a free port, for the
 * tests that need more than the one instance {@code @QuarkusIntegrationTest} starts. It inherits the failsafe
 * environment (keys, and on the postgresql profile the datasource), plus what the test adds or removes.
 */
public final class PackagedInstance implements AutoCloseable {

    /** What the main Quarkus build packages: a SQLite build, or a PostgreSQL one under -Ppostgresql. */
    public static final Path MAIN_APP = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final Duration STARTUP = Duration.ofMinutes(4);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final int port;

    private PackagedInstance(String name, Process process, int port) {
        this.name = name;
        this.process = process;
        this.port = port;
    }

    /**
     * Starts {@code jar} with the inherited environment changed by {@code env} (a null value removes the variable)
     * and waits until it is ready; its output goes to {@code target/<name>.log}.
     */
    public static PackagedInstance start(String name, Path jar, Map<String, String> env) throws IOException {
        assertThat(jar).exists();
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString());
        Map<String, String> environment = builder.environment();
        environment.put("PORT", Integer.toString(port));
        env.forEach((key, value) -> {
            if (value == null) {
                environment.remove(key);
            } else {
                environment.put(key, value);
            }
        });
        Path log = Path.of("target", name + ".log");
        Files.createDirectories(log.getParent());
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        PackagedInstance instance = new PackagedInstance(name, builder.start(), port);
        instance.awaitReady();
        return instance;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** GET of a path without credentials (metrics, health), as text. */
    public String get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private void awaitReady() {
        URI ready = URI.create(baseUrl() + "/q/health/ready");
        await().atMost(STARTUP).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .failFast("instance " + name + " stopped; see target/" + name + ".log", () -> !process.isAlive())
                .until(() -> HTTP.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    /** The process dies at once (SIGKILL), as in a crash or an OOM kill: nothing of it runs any more. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("instance " + name + " killed").isTrue();
    }

    /** What the process wrote so far (standard output and error). */
    public String output() throws IOException {
        return Files.readString(Path.of("target", name + ".log"));
    }

    /** Stops the process as an orchestrator would (SIGTERM), forcibly after 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
