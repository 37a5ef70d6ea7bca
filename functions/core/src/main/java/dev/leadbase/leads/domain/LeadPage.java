package dev.leadbase.leads.domain;

import java.util.List;

/** One page of a lead list, the exact total, the position after it and what reading it cost. */
public record LeadPage(List<Lead> leads, int page, int limit, long total, LeadPosition nextPosition, ReadStats stats) {
    public LeadPage {
        leads = List.copyOf(leads);
    }

    public boolean hasNextPage() {
        return (long) (page - 1) * limit + leads.size() < total && nextPosition != null;
    }
}
