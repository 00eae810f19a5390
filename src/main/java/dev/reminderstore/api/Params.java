package dev.reminderstore.api;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Query parameters parsed by hand, so that a bad value is a 400 naming the parameter (not a 404). */
public final class Params {

    private Params() {
    }

    /** An ISO-8601 UTC time ({@code 2026-11-25T16:00:00Z}); null when absent. */
    public static Instant instant(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(name, "must be an ISO-8601 UTC time such as 2026-11-25T16:00:00Z");
        }
        return Times.checked(name, instant);
    }

    /**
     * A point in the past given as a time or as an age ({@code P30D}, {@code PT12H}) before now; either way
     * within {@link Times}, so an age reaches back to 2000 at most.
     */
    public static Instant instantOrAge(String name, String value, Instant now) {
        if (value != null && value.startsWith("P")) {
            Duration age;
            try {
                age = Duration.parse(value);
            } catch (DateTimeParseException e) {
                age = null;
            }
            if (age == null || age.isNegative()) {
                throw ApiException.invalid(name, "must be an ISO-8601 UTC time or a positive ISO-8601 duration such as P30D");
            }
            if (age.compareTo(Duration.between(Times.EARLIEST, now)) > 0) {
                throw ApiException.invalid(name, "must be an age that reaches back to 2000-01-01T00:00:00Z at most");
            }
            return now.minus(age);
        }
        return instant(name, value);
    }

    /** true or false; null when absent. */
    public static Boolean bool(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.equals("true") || value.equals("false")) {
            return Boolean.valueOf(value);
        }
        throw ApiException.invalid(name, "must be true or false");
    }
}
