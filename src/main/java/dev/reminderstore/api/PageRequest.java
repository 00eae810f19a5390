package dev.reminderstore.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * {@code ?limit=&cursor=} of a list. The cursor is opaque to clients: it holds the sort key of the last item
 * shown, so a page is an index range search however deep the client pages.
 */
public record PageRequest(int limit, long after) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    private static final String PREFIX = "k1:";

    public static PageRequest of(String limit, String cursor) {
        return new PageRequest(parseLimit(limit), cursor == null || cursor.isEmpty() ? Long.MIN_VALUE : decode(cursor));
    }

    /** How many rows to fetch: one more than shown, to know whether a next page exists. */
    public int fetchSize() {
        return limit + 1;
    }

    static String encode(long key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + key).getBytes(StandardCharsets.UTF_8));
    }

    private static int parseLimit(String limit) {
        if (limit == null || limit.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.invalid("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static long decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith(PREFIX)) {
                return Long.parseLong(text.substring(PREFIX.length()));
            }
        } catch (IllegalArgumentException e) {
            // answered below (NumberFormatException is an IllegalArgumentException)
        }
        throw ApiException.invalid("cursor", "is not a cursor given out by this service");
    }
}
