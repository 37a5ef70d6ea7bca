package dev.leadbase.leads.app;

import dev.leadbase.leads.domain.SearchBackfill;
import dev.leadbase.shared.errors.ValidationFailed;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The upgrade of the search entries to today's layout: indexes every stored lead (phase 1), then deletes the entries
 * of the layout before (phase 2), a step at a time, for at most {@code maxItems} items read or while {@code timeLeft}
 * holds. It resumes from the position it stored; once it has recorded done, a further run does nothing.
 */
public record SearchUpgrade(SearchBackfill backfill) {
    /** Leads read and indexed in one step of phase 1 (indexed at once). */
    public static final int INDEX_STEP = 25;
    /** Lead index items read in one step of phase 2 (their former entries deleted 25 to a BatchWriteItem). */
    public static final int DELETE_STEP = 100;
    public static final int MAX_ITEMS = 1_000_000;

    /** What one run did, and where the whole upgrade stands after it. */
    public record Outcome(int phase, int indexed, int deleted, String cursor, boolean done, long totalIndexed,
                          long totalDeleted) {
    }

    /**
     * @param cursor   the cursor a previous run returned, or null to resume from the stored position; one that is not
     *                 the stored position is refused
     * @param timeLeft whether there is time for one more step
     */
    public Outcome run(String cursor, int maxItems, BooleanSupplier timeLeft) {
        if (maxItems < 1 || maxItems > MAX_ITEMS) {
            throw new ValidationFailed("maxItems must be between 1 and " + MAX_ITEMS);
        }
        SearchBackfill.Progress at = backfill.progress();
        if (at.done()) {
            return outcome(at, 0, 0);
        }
        if (cursor != null && !Objects.equals(cursor, at.cursor())) {
            throw new ValidationFailed("cursor is not where the upgrade stands (" + at.cursor()
                    + "): invoke without a cursor to resume from the stored position");
        }
        int read = 0;
        int indexed = 0;
        int deleted = 0;
        while (read < maxItems && timeLeft.getAsBoolean()) {
            SearchBackfill.Step step = at.phase() == SearchBackfill.INDEX
                    ? backfill.indexNext(at.cursor(), Math.min(INDEX_STEP, maxItems - read))
                    : backfill.deleteNext(at.cursor(), Math.min(DELETE_STEP, maxItems - read));
            if (step.overtaken()) {
                at = backfill.progress(); // another run is upgrading: it goes on from where it stands
                break;
            }
            read += step.read();
            indexed += step.indexed();
            deleted += step.deleted();
            at = step.progress();
            if (at.done()) {
                break;
            }
        }
        return outcome(at, indexed, deleted);
    }

    private static Outcome outcome(SearchBackfill.Progress at, int indexed, int deleted) {
        return new Outcome(at.phase(), indexed, deleted, at.cursor(), at.done(), at.indexed(), at.deleted());
    }
}
