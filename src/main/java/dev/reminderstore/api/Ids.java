package dev.reminderstore.api;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Discord ids at the edges: text outside (JSON, paths), {@code long} inside. */
public final class Ids {

    private Ids() {
    }

    public static boolean isValid(String text) {
        if (text == null || text.isEmpty() || text.length() > 19) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        try {
            return Long.parseLong(text) > 0;
        } catch (NumberFormatException tooLarge) {
            return false;
        }
    }

    /** Parses an id, answering 400 with the field's name when it is not one. */
    public static long parse(String field, String text) {
        if (!isValid(text)) {
            throw ApiException.invalid(field, "must be a Discord id: a whole number from 1 to 9223372036854775807");
        }
        return Long.parseLong(text);
    }

    /**
     * The items of a bulk body keyed by their id, in order; an id listed twice is a client bug worth a 400
     * naming both places.
     */
    public static <T> Map<Long, T> distinct(List<T> items, Function<T, String> id, String field) {
        Map<Long, T> byId = new LinkedHashMap<>();
        Map<Long, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String name = "[" + i + "]." + field;
            long key = parse(name, id.apply(items.get(i)));
            Integer first = firstIndex.putIfAbsent(key, i);
            if (first != null) {
                throw ApiException.invalid(name, "repeats the id at index " + first);
            }
            byId.put(key, items.get(i));
        }
        return byId;
    }
}
