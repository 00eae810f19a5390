package dev.reminderstore.api;

import java.time.Instant;

/**
 * The range of every instant the API takes (bodies, query parameters, import documents): years 2000 to 9999.
 * Inside it, adding the longest interval or subtracting any age the API accepts cannot overflow, and stored
 * times (epoch milliseconds) and their ISO-8601 form stay ordinary.
 */
public final class Times {

    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");
    /** What a field out of range is told. */
    public static final String RANGE = "must be a time from 2000-01-01T00:00:00Z to 9999-12-31T23:59:59Z";

    private Times() {
    }

    public static boolean inRange(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }

    /** The instant itself; a 400 naming {@code field} when it is out of range. */
    public static Instant checked(String field, Instant instant) {
        if (instant != null && !inRange(instant)) {
            throw ApiException.invalid(field, RANGE);
        }
        return instant;
    }
}
