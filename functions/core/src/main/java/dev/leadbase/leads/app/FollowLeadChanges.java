package dev.leadbase.leads.app;

import dev.leadbase.changes.app.ScoreChangeGate;
import dev.leadbase.changes.domain.ChangeEvent;
import dev.leadbase.changes.domain.ChangeSink;
import dev.leadbase.changes.domain.SourceRecord;
import dev.leadbase.leads.domain.LeadImages;
import dev.leadbase.leads.domain.SearchRepair;
import dev.leadbase.scoring.domain.Ruleset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the Leads stream's consumer does with each change of a lead item, in the stream's order: mends the lead's
 * search entries, then publishes the change's events (its score changes through the coalescing gate). Both may run again for the same record (a retried batch): the
 * repair writes what is still missing, and the events keep their ids, which the feed places once.
 *
 * @param <I> the form a change's images arrive in (a stream record's)
 */
public final class FollowLeadChanges<I> {
    private final SearchRepair<I> search;
    private final LeadImages<I> images;
    private final LeadChangeEvents events;
    private final ScoreChangeGate scores;
    private final ChangeSink sink;

    public FollowLeadChanges(SearchRepair<I> search, LeadImages<I> images, LeadChangeEvents events,
                             ScoreChangeGate scores, ChangeSink sink) {
        this.search = search;
        this.images = images;
        this.events = events;
        this.scores = scores;
        this.sink = sink;
    }

    /** What one change did. */
    public record Followed(int mended, int published) {
    }

    /** Follows one stream batch's changes, one after the other in the stream's order. */
    public Batch batch() {
        return new Batch();
    }

    /** One batch: a tenant's rule sets are read once for all its score changes. Not shared between threads. */
    public final class Batch {
        private final Map<String, List<Ruleset>> rulesets = new HashMap<>();

        private Batch() {
        }

        public Followed follow(SourceRecord record, I before, I after) {
            int mended = search.repair(before, after);
            LeadChangeEvents.Made made = events.of(record, images.lead(before), images.lead(after), rulesets);
            List<ChangeEvent> out = new ArrayList<>(made.events());
            out.addAll(scores.admit(record, made.scores()));
            if (!out.isEmpty()) {
                sink.publish(out);
            }
            return new Followed(mended, out.size());
        }
    }
}
