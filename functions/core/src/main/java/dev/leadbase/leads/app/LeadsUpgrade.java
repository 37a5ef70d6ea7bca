package dev.leadbase.leads.app;

import dev.leadbase.leads.domain.PreviousLeads;
import dev.leadbase.shared.errors.ValidationFailed;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The upgrade from the previous storage layout: copies the previous leads table into today's, a step at a time,
 * for at most {@code maxItems} leads or while {@code timeLeft} holds. It resumes from the position it stored; once
 * it has recorded done, a further run copies nothing (a lead deleted after its copy is never brought back).
 */
public record LeadsUpgrade(PreviousLeads previous) {
    /** Leads copied in one step (one transaction with the stored position). */
    public static final int STEP = 25;
    public static final int MAX_ITEMS = 1_000_000;

    /** What one run did, and the totals of the whole upgrade so far. */
    public record Outcome(String source, int copied, int skipped, String cursor, boolean done, long totalCopied,
                          long totalSkipped) {
    }

    /**
     * @param cursor   the cursor a previous run returned, or null to resume from the stored position; one that is not
     *                 the stored position is refused (replaying an old one would copy again leads deleted since)
     * @param timeLeft whether there is time for one more step
     */
    public Outcome run(String cursor, int maxItems, BooleanSupplier timeLeft) {
        if (maxItems < 1 || maxItems > MAX_ITEMS) {
            throw new ValidationFailed("maxItems must be between 1 and " + MAX_ITEMS);
        }
        PreviousLeads.Progress progress = previous.progress();
        if (progress.done()) {
            return new Outcome(previous.name(), 0, 0, null, true, progress.copied(), progress.skipped());
        }
        if (cursor != null && !Objects.equals(cursor, progress.cursor())) {
            throw new ValidationFailed("cursor is not where the upgrade stands (" + progress.cursor()
                    + "): invoke without a cursor to resume from the stored position");
        }
        String at = progress.cursor();
        int copied = 0;
        int skipped = 0;
        boolean done = false;
        while (copied + skipped < maxItems && timeLeft.getAsBoolean()) {
            PreviousLeads.Step step = previous.copyNext(at, Math.min(STEP, maxItems - copied - skipped));
            copied += step.copied();
            skipped += step.skipped();
            if (step.overtaken()) {
                break; // another run is copying: it goes on from where it stands
            }
            at = step.cursor();
            if (step.done()) {
                done = true;
                break;
            }
        }
        PreviousLeads.Progress now = previous.progress();
        return new Outcome(previous.name(), copied, skipped, now.done() ? null : now.cursor(), now.done() || done,
                now.copied(), now.skipped());
    }
}
