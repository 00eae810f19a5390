package dev.reminderstore;

import dev.reminderstore.config.TimeSource;
import java.time.Instant;

/** A clock standing still at a given time, installed with {@code QuarkusMock.installMockForType}. */
public class FixedTime extends TimeSource {

    private final Instant now;

    public FixedTime(Instant now) {
        this.now = now;
    }

    @Override
    public Instant now() {
        return now;
    }
}
