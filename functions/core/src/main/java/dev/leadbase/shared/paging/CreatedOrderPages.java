package dev.leadbase.shared.paging;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Pages of a tenant's small list (rule sets, webhooks) cut from the whole of it, oldest first: creation time, then id.
 * The cursor names the last item shown, so one deleted in between shifts nothing.
 */
public final class CreatedOrderPages<T> {
    /** A cursor resumes after an item: its creation time (ISO-8601) and id. */
    private static final Shape AFTER = Shape.of("c", Shape.Type.TEXT, "i", Shape.Type.TEXT);
    private final Function<T, Instant> createdAt;
    private final Function<T, String> id;

    public CreatedOrderPages(Function<T, Instant> createdAt, Function<T, String> id) {
        this.createdAt = createdAt;
        this.id = id;
    }

    /** One page and the cursor of the next (null on the last). */
    public record Page<T>(List<T> items, String nextCursor) {
    }

    /** The page of {@code items} (any order) after {@code cursor} (null: the first), at most {@code limit}. */
    public Page<T> page(List<T> items, CursorSigner cursors, CursorScope scope, String cursor, int limit) {
        List<T> all = items.stream().sorted(Comparator.comparing(createdAt).thenComparing(id)).toList();
        int from = 0;
        if (cursor != null) {
            Position after = cursors.open(scope, cursor, AFTER);
            Instant afterTime;
            try {
                afterTime = Instant.parse(after.text("c"));
            } catch (DateTimeParseException e) {
                throw InvalidCursor.error();
            }
            String afterId = after.text("i");
            while (from < all.size() && !follows(all.get(from), afterTime, afterId)) {
                from++;
            }
        }
        List<T> page = all.subList(from, Math.min(all.size(), from + limit));
        String next = from + page.size() < all.size() ? cursors.sign(scope, Position.of(
                "c", createdAt.apply(page.getLast()).toString(), "i", id.apply(page.getLast()))) : null;
        return new Page<>(page, next);
    }

    /** True when {@code item} comes after the one created at {@code time} with {@code afterId}. */
    private boolean follows(T item, Instant time, String afterId) {
        int byTime = createdAt.apply(item).compareTo(time);
        return byTime > 0 || byTime == 0 && id.apply(item).compareTo(afterId) > 0;
    }
}
