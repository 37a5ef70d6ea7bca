package dev.leadbase.leads.domain;

import dev.leadbase.shared.paging.Position;
import dev.leadbase.shared.paging.Shape;
import dev.leadbase.shared.paging.Shape.Type;

/** Where a cursor resumes: the sort key and id of the last lead returned, or an offset, and the page number reached. */
public record LeadPosition(int page, String sortKey, String leadId, long offset) {
    /** Lists read in index order resume after a key. */
    public static final Shape KEYED = Shape.of("p", Type.PAGE, "k", Type.TEXT, "i", Type.TEXT);
    /** Searches sorted in memory resume at an offset. */
    public static final Shape OFFSET = Shape.of("p", Type.PAGE, "o", Type.OFFSET);

    public Position toPosition() {
        return sortKey != null ? Position.of("p", page, "k", sortKey, "i", leadId) : Position.of("p", page, "o", offset);
    }

    public static LeadPosition of(Position p) {
        return p.has("k") ? new LeadPosition(p.page("p"), p.text("k"), p.text("i"), 0)
                : new LeadPosition(p.page("p"), null, null, p.number("o"));
    }
}
