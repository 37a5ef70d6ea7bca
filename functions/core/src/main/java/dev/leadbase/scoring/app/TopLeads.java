package dev.leadbase.scoring.app;

import dev.leadbase.access.domain.AccessPolicy;
import dev.leadbase.leads.domain.Lead;
import dev.leadbase.scoring.domain.Page;
import dev.leadbase.scoring.domain.RulesetRepository;
import dev.leadbase.scoring.domain.RulesetType;
import dev.leadbase.scoring.domain.ScoreStore;
import dev.leadbase.shared.errors.NotFound;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The highest scores under one rule set (the primary engagement one by default), read in score order from the
 * ranking index, limited to the leads the caller reaches.
 */
public record TopLeads(ScoreStore store, RulesetRepository rulesets) {
    /** At most {@code limit} leads under {@code rulesetId} (null: the primary engagement rule set). */
    public record Query(int limit, String rulesetId) {
    }

    /** A lead and its score under the rule set asked for. */
    public record Ranked(Lead lead, long rulesetScore) {
    }

    /** The rule set the ranking is by, and its leads from the highest score down. */
    public record Ranking(String rulesetId, List<Ranked> leads) {
        public Ranking {
            leads = List.copyOf(leads);
        }
    }

    public Ranking top(AccessPolicy access, Query query) {
        String tenantId = access.tenantId();
        String rulesetId = query.rulesetId();
        if (rulesetId == null) {
            rulesetId = rulesets.primaryId(tenantId, RulesetType.ENGAGEMENT)
                    .orElseThrow(() -> new NotFound("No primary engagement rule set; pass rulesetId"));
        } else if (rulesets.find(tenantId, rulesetId).isEmpty()) {
            throw new NotFound("Rule set not found");
        }
        List<Ranked> leads = new ArrayList<>();
        ScoreStore.Ranked after = null;
        do {
            // own-visibility keys skip others' leads, so a page may need topping up
            ScoreStore.RankedPage page = store.top(tenantId, rulesetId, after, query.limit());
            Map<String, Long> scores = new LinkedHashMap<>();
            page.items().forEach(r -> scores.put(r.leadId(), r.score()));
            for (Lead lead : store.leadRecords(tenantId, List.copyOf(scores.keySet()))) {
                if (leads.size() < query.limit() && access.reaches(lead)) {
                    leads.add(new Ranked(lead, scores.get(lead.id())));
                }
            }
            after = page.after();
        } while (after != null && leads.size() < query.limit());
        return new Ranking(rulesetId, leads);
    }
}
