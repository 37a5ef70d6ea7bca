package dev.leadbase.scoring.app;

import dev.leadbase.scoring.domain.Page;
import dev.leadbase.scoring.domain.Ruleset;
import dev.leadbase.scoring.domain.RulesetRepository;

import dev.leadbase.access.domain.Principal;
import dev.leadbase.shared.paging.CursorScope;
import dev.leadbase.shared.paging.CreatedOrderPages;
import dev.leadbase.shared.paging.CursorSigner;
import dev.leadbase.shared.paging.PagedRoute;

/**
 * {@code GET /api/v2/scoring/rulesets}: the tenant's rule sets, oldest first (creation time, then
 * id), a page at a time. A tenant holds few rule sets, so each page is cut from the whole list; the
 * cursor names the last rule set shown, so one deleted in between shifts nothing.
 */
public final class RulesetList {
    private static final CreatedOrderPages<Ruleset> PAGES = new CreatedOrderPages<>(Ruleset::createdAt, Ruleset::id);
    private final RulesetRepository rulesets;
    private final CursorSigner cursors;

    public RulesetList(RulesetRepository rulesets, CursorSigner cursors) {
        this.rulesets = rulesets;
        this.cursors = cursors;
    }

    /** One page of rule sets and the cursor of the next (null on the last); {@code cursor} null for the first. */
    public Page<Ruleset> page(Principal caller, String cursor, int limit) {
        var page = PAGES.page(rulesets.list(caller.tenantId()), cursors, CursorScope.of(PagedRoute.RULESETS, caller),
                cursor, limit);
        return new Page<>(page.items(), page.nextCursor());
    }
}
