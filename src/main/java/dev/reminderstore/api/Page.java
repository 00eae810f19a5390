package dev.reminderstore.api;

import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a list: the items and the cursor of the next page (null on the last page). */
public record Page<T>(List<T> items, @Schema(nullable = true) String nextCursor) {

    /**
     * Builds a page from rows fetched with {@code limit + 1}: the extra row only says that another page exists.
     *
     * @param key the sort key of a row, which the next page starts after
     */
    public static <R, T> Page<T> of(List<R> rows, PageRequest request, ToLongFunction<R> key, Function<R, T> mapper) {
        boolean more = rows.size() > request.limit();
        List<R> shown = more ? rows.subList(0, request.limit()) : rows;
        String next = more ? PageRequest.encode(key.applyAsLong(shown.get(shown.size() - 1))) : null;
        return new Page<>(shown.stream().map(mapper).toList(), next);
    }
}
