package dev.leadbase.scoring.app;

import dev.leadbase.scoring.domain.ScoredLead;
import dev.leadbase.scoring.domain.Page;
import dev.leadbase.scoring.domain.ScoreStore;
import dev.leadbase.scoring.domain.ScoringEvent;

import dev.leadbase.access.domain.AccessPolicy;
import dev.leadbase.shared.paging.CursorScope;
import dev.leadbase.shared.paging.CursorSigner;
import dev.leadbase.shared.paging.PagedRoute;
import dev.leadbase.shared.paging.Position;
import dev.leadbase.shared.paging.Shape;
import java.util.List;

/** {@code GET /api/v2/leads/{id}/events}: a lead's events, newest first, behind a cursor bound to that lead. */
public final class LeadEventPages {
    /** A cursor resumes after an event: its id and stored occurrence time. */
    private static final Shape AFTER = Shape.of("e", Shape.Type.TEXT, "t", Shape.Type.NUMBER);
    private final ScoreStore store;
    private final CursorSigner cursors;

    public LeadEventPages(ScoreStore store, CursorSigner cursors) {
        this.store = store;
        this.cursors = cursors;
    }

    /** One page of the events of a lead the caller reaches (404 for any other); {@code cursor} null for the first. */
    public Page<ScoringEvent> page(AccessPolicy access, String leadId, String cursor, int limit) {
        access.leadItem(store.leads(access.tenantId(), List.of(leadId)).stream().map(ScoredLead::fields).findFirst());
        CursorScope scope = CursorScope.of(PagedRoute.LEAD_EVENTS, access.caller()).parent(leadId);
        ScoreStore.EventAfter after = null;
        if (cursor != null) {
            Position p = cursors.open(scope, cursor, AFTER);
            after = new ScoreStore.EventAfter(p.text("e"), p.number("t"));
        }
        ScoreStore.EventsPage page = store.eventsPage(access.tenantId(), leadId, after, limit);
        ScoreStore.EventAfter last = page.last();
        return new Page<>(page.events(), last == null ? null
                : cursors.sign(scope, Position.of("e", last.eventId(), "t", last.occurredMs())));
    }
}
