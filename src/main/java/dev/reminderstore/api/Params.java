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
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(name, "must be an ISO-8601 UTC time such as 2026-11-25T16:00:00Z");
        }
    }

    /** A point in the past given as a time or as an age ({@code P30D}, {@code PT12H}) before now. */
    public static Instant instantOrAge(String name, String value, Instant now) {
        if (value != null && value.startsWith("P")) {
            try {
                Duration age = Duration.parse(value);
                if (!age.isNegative()) {
                    return now.minus(age);
                }
            } catch (DateTimeParseException e) {
                // answered below
            }
            throw ApiException.invalid(name, "must be an ISO-8601 UTC time or a positive ISO-8601 duration such as P30D");
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
