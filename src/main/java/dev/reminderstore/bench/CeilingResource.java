package dev.reminderstore.bench;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.Map;

/**
 * The framework ceiling of the benchmarks: a small fixed JSON answer through the same HTTP stack, with no database.
 * Only built into the benchmark's own package ({@code -Dreminder.bench.ceiling=true}), never into production.
 */
@Path("/bench/ceiling")
@IfBuildProperty(name = "reminder.bench.ceiling", stringValue = "true")
public class CeilingResource {

    private static final Map<String, Object> ANSWER = Map.of("messageId", "1187654321098765432", "title", "ceiling",
            "intervalMinutes", 60, "isPaused", false);

    @GET
    public Map<String, Object> ceiling() {
        return ANSWER;
    }
}
