package dev.reminderstore.health;

import dev.reminderstore.config.TimeSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/** Liveness: DOWN when a periodic job (the reminder scheduler) has stopped running; UP when no job is watched. */
@Liveness
@ApplicationScoped
public class SchedulerLivenessCheck implements HealthCheck {

    private final Heartbeats heartbeats;
    private final TimeSource clock;

    public SchedulerLivenessCheck(Heartbeats heartbeats, TimeSource clock) {
        this.heartbeats = heartbeats;
        this.clock = clock;
    }

    @Override
    public HealthCheckResponse call() {
        Instant now = clock.now();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("scheduler");
        for (Heartbeats.Job job : heartbeats.jobs()) {
            response.withData(job.name() + "_last_run", job.lastBeat().toString())
                    .withData(job.name() + "_silent_seconds", Duration.between(job.lastBeat(), now).toSeconds())
                    .withData(job.name() + "_stalled_after_seconds", job.stalledAfter().toSeconds());
        }
        List<String> stalled = heartbeats.jobs().stream().filter(job -> job.stalledAt(now)).map(Heartbeats.Job::name).toList();
        if (!stalled.isEmpty()) {
            response.withData("stalled", String.join(", ", stalled));
        }
        return response.status(stalled.isEmpty()).build();
    }
}
