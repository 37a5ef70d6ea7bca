package dev.leadbase.scoring.app;

import dev.leadbase.scoring.domain.Page;
import dev.leadbase.scoring.domain.Ruleset;
import dev.leadbase.scoring.domain.RulesetRepository;

import dev.leadbase.access.domain.Principal;
import dev.leadbase.shared.paging.CursorScope;
import dev.leadbase.shared.paging.CursorSigner;
import dev.leadbase.shared.paging.InvalidCursor;
import dev.leadbase.shared.paging.PagedRoute;
import dev.leadbase.shared.paging.Position;
import dev.leadbase.shared.paging.Shape;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;

/**
 * {@code GET /api/v2/scoring/rulesets}: the tenant's rule sets, oldest first (creation time, then
 * id), a page at a time. A tenant holds few rule sets, so each page is cut from the whole list; the
 * cursor names the last rule set shown, so one deleted in between shifts nothing.
 */
public final class RulesetList {
    /** A cursor resumes after a rule set: its creation time (ISO-8601) and id. */
    private static final Shape AFTER = Shape.of("c", Shape.Type.TEXT, "i", Shape.Type.TEXT);
    private static final Comparator<Ruleset> ORDER = Comparator.comparing(Ruleset::createdAt).thenComparing(Ruleset::id);
    private final RulesetRepository rulesets;
    private final CursorSigner cursors;

    public RulesetList(RulesetRepository rulesets, CursorSigner cursors) {
        this.rulesets = rulesets;
        this.cursors = cursors;
    }

    /** One page of rule sets and the cursor of the next (null on the last); {@code cursor} null for the first. */
    public Page<Ruleset> page(Principal caller, String cursor, int limit) {
        CursorScope scope = CursorScope.of(PagedRoute.RULESETS, caller);
        List<Ruleset> all = rulesets.list(caller.tenantId()).stream().sorted(ORDER).toList();
        int from = 0;
        if (cursor != null) {
            Position after = cursors.open(scope, cursor, AFTER);
            Instant createdAt;
            try {
                createdAt = Instant.parse(after.text("c"));
            } catch (DateTimeParseException e) {
                throw InvalidCursor.error();
            }
            String id = after.text("i");
            while (from < all.size() && !follows(all.get(from), createdAt, id)) {
                from++;
            }
        }
        List<Ruleset> page = all.subList(from, Math.min(all.size(), from + limit));
        String next = from + page.size() < all.size()
                ? cursors.sign(scope, Position.of("c", page.getLast().createdAt().toString(), "i", page.getLast().id()))
                : null;
        return new Page<>(page, next);
    }

    /** True when {@code r} comes after the rule set created at {@code createdAt} with {@code id}, in {@link #ORDER}. */
    private static boolean follows(Ruleset r, Instant createdAt, String id) {
        int byTime = r.createdAt().compareTo(createdAt);
        return byTime > 0 || byTime == 0 && r.id().compareTo(id) > 0;
    }
}
