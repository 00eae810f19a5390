package dev.reminderstore.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reminderstore.health.Heartbeats;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The reminder job tells liveness that it runs (the job itself is off in the test profile: its tick is called here). */
@QuarkusTest
class SchedulerLivenessTest {

    @Inject
    Heartbeats heartbeats;

    @Inject
    ReminderDispatcher dispatcher;

    @AfterEach
    void forget() {
        heartbeats.unregister(ReminderDispatcher.JOB);
    }

    @Test
    void everyTickIsASignOfLife() throws Exception {
        heartbeats.register(ReminderDispatcher.JOB, Duration.ofSeconds(1));
        Instant registered = lastRun();
        Thread.sleep(5);

        dispatcher.tick();

        assertThat(lastRun()).isAfter(registered);
    }

    @Test
    void jobSwitchedOffIsNotWatched() {
        dispatcher.tick();

        assertThat(heartbeats.jobs()).noneMatch(job -> job.name().equals(ReminderDispatcher.JOB));
    }

    private Instant lastRun() {
        return heartbeats.jobs().stream().filter(job -> job.name().equals(ReminderDispatcher.JOB)).findFirst().orElseThrow().lastBeat();
    }
}
