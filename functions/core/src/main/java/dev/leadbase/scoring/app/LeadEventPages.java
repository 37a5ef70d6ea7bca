package dev.leadbase.scoring.app;

import dev.leadbase.scoring.domain.Page;
import dev.leadbase.scoring.domain.ScoreStore;
import dev.leadbase.scoring.domain.ScoringEvent;

import dev.leadbase.access.domain.Principal;
import dev.leadbase.shared.paging.CursorScope;
import dev.leadbase.shared.paging.CursorSigner;
import dev.leadbase.shared.paging.PagedRoute;
import dev.leadbase.shared.paging.Position;
import dev.leadbase.shared.paging.Shape;

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

    /** One page of the events of a lead the caller may see; {@code cursor} null for the first page. */
    public Page<ScoringEvent> page(Principal caller, String leadId, String cursor, int limit) {
        CursorScope scope = CursorScope.of(PagedRoute.LEAD_EVENTS, caller).parent(leadId);
        ScoreStore.EventAfter after = null;
        if (cursor != null) {
            Position p = cursors.open(scope, cursor, AFTER);
            after = new ScoreStore.EventAfter(p.text("e"), p.number("t"));
        }
        ScoreStore.EventsPage page = store.eventsPage(caller.tenantId(), leadId, after, limit);
        ScoreStore.EventAfter last = page.last();
        return new Page<>(page.events(), last == null ? null
                : cursors.sign(scope, Position.of("e", last.eventId(), "t", last.occurredMs())));
    }
}
