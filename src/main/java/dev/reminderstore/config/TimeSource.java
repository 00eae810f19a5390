package dev.reminderstore.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The service's clock, a bean so that tests can move time. Millisecond precision: what the database keeps. */
@ApplicationScoped
public class TimeSource {

    public Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
