package dev.reminderstore.event;

import dev.reminderstore.api.ApiException;
import dev.reminderstore.config.StoreConfig;
import jakarta.enterprise.context.ApplicationScoped;

/** The reminder interval's limits: 5..1440 minutes, or 0.5..10080 in test mode. Out of range is refused, never clamped. */
@ApplicationScoped
public class IntervalLimits {

    private final double min;
    private final double max;

    public IntervalLimits(StoreConfig config) {
        this.min = config.testMode() ? 0.5 : 5;
        this.max = config.testMode() ? 10080 : 1440;
    }

    public boolean allows(double minutes) {
        return minutes >= min && minutes <= max;
    }

    /** Brings a value into range; only the legacy importer uses it, and reports that it did. */
    public double clamp(double minutes) {
        return Math.max(min, Math.min(max, minutes));
    }

    public void check(String field, double minutes) {
        if (!allows(minutes)) {
            throw ApiException.invalid(field, "must be from " + format(min) + " to " + format(max) + " minutes");
        }
    }

    private static String format(double minutes) {
        return minutes == Math.rint(minutes) ? Long.toString((long) minutes) : Double.toString(minutes);
    }
}
