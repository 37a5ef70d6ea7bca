package dev.leadbase.scoring.app;

import dev.leadbase.access.domain.AccessPolicy;
import dev.leadbase.leads.domain.Lead;
import dev.leadbase.leads.domain.LeadRepository;
import dev.leadbase.leads.domain.LeadSort;
import dev.leadbase.leads.domain.ListLeadsQuery;
import dev.leadbase.leads.domain.filters.LeadFilter;
import dev.leadbase.leads.domain.filters.OwnerFilter;
import dev.leadbase.leads.domain.filters.ScoreFilter;
import dev.leadbase.scoring.domain.Ruleset;
import dev.leadbase.scoring.domain.RulesetRepository;
import dev.leadbase.scoring.domain.RulesetType;
import dev.leadbase.scoring.domain.ScoreStore;
import dev.leadbase.shared.errors.NotFound;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The highest scores under one rule set (the primary engagement one by default), limited to the leads the caller
 * reaches. The primary engagement rule set's score is the lead's own {@code score}: its ranking is the leads list by
 * score (the leads' score index, merged over their shards); any other rule set's is read from the ranking index of
 * the standings ({@link Ruleset#ranked}).
 */
public record TopLeads(ScoreStore store, RulesetRepository rulesets, LeadRepository leads) {
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
        boolean ranked;
        if (rulesetId == null) {
            rulesetId = rulesets.primaryId(tenantId, RulesetType.ENGAGEMENT)
                    .orElseThrow(() -> new NotFound("No primary engagement rule set; pass rulesetId"));
            ranked = false;
        } else {
            ranked = rulesets.find(tenantId, rulesetId).orElseThrow(() -> new NotFound("Rule set not found")).ranked();
        }
        return new Ranking(rulesetId, ranked ? byRanking(access, rulesetId, query.limit()) : byLeadScore(access, query.limit()));
    }

    /** The primary engagement rule set's: the scored leads the caller reaches, by their {@code score}. */
    private List<Ranked> byLeadScore(AccessPolicy access, int limit) {
        String owner = access.ownerScope();
        // scores are never below 0: the range leaves out the leads never scored
        List<LeadFilter> filters = new ArrayList<>(List.of(new ScoreFilter(0L, null)));
        if (owner != null) {
            filters.add(new OwnerFilter(owner, false));
        }
        ListLeadsQuery list = new ListLeadsQuery(access.tenantId(), owner, 1, limit, null, filters, LeadSort.SCORE,
                false, Map.of());
        return leads.firstLeads(list).stream().filter(access::reaches).map(l -> new Ranked(l, l.score())).toList();
    }

    /** Any other rule set's, from its ranking entries. */
    private List<Ranked> byRanking(AccessPolicy access, String rulesetId, int limit) {
        String tenantId = access.tenantId();
        List<Ranked> leads = new ArrayList<>();
        ScoreStore.Ranked after = null;
        do {
            // own-visibility keys skip others' leads, so a page may need topping up
            ScoreStore.RankedPage page = store.top(tenantId, rulesetId, after, limit);
            Map<String, Long> scores = new LinkedHashMap<>();
            page.items().forEach(r -> scores.put(r.leadId(), r.score()));
            for (Lead lead : store.leadRecords(tenantId, List.copyOf(scores.keySet()))) {
                if (leads.size() < limit && access.reaches(lead)) {
                    leads.add(new Ranked(lead, scores.get(lead.id())));
                }
            }
            after = page.after();
        } while (after != null && leads.size() < limit);
        return leads;
    }
}
