package dev.leadbase.leads.app;

import dev.leadbase.leads.domain.LeadPosition;

import dev.leadbase.shared.paging.CursorScope;
import dev.leadbase.shared.paging.CursorSigner;
import dev.leadbase.shared.paging.Position;
import dev.leadbase.shared.paging.Shape;
import dev.leadbase.shared.paging.Shape.Type;

/** A {@link LeadPosition} as a signed cursor: the sort key and id of the last lead returned, or an offset. */
final class LeadCursors {
    /** Lists read in index order resume after a key. */
    private static final Shape KEYED = Shape.of("p", Type.PAGE, "k", Type.TEXT, "i", Type.TEXT);
    /** Searches sorted in memory resume at an offset. */
    private static final Shape OFFSET = Shape.of("p", Type.PAGE, "o", Type.OFFSET);

    private LeadCursors() {
    }

    static Position position(LeadPosition p) {
        return p.sortKey() != null ? Position.of("p", p.page(), "k", p.sortKey(), "i", p.leadId())
                : Position.of("p", p.page(), "o", p.offset());
    }

    static LeadPosition open(CursorSigner cursors, CursorScope scope, String cursor, boolean byOffset) {
        Position p = cursors.open(scope, cursor, byOffset ? OFFSET : KEYED);
        return p.has("k") ? new LeadPosition(p.page("p"), p.text("k"), p.text("i"), 0)
                : new LeadPosition(p.page("p"), null, null, p.number("o"));
    }
}
