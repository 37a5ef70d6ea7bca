package dev.leadbase.leads.edge;

import dev.leadbase.leads.app.Leads;
import dev.leadbase.leads.domain.Lead;
import dev.leadbase.leads.domain.LeadPage;

import dev.leadbase.shared.http.Pagination;
import dev.leadbase.shared.time.IsoTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Wire shapes: the lead object (every field, nulls kept), a page of leads and a batch's results. */
public final class LeadViews {
    private LeadViews() {
    }

    public static Map<String, Object> lead(Lead l) {
        Map<String, Object> v = LinkedHashMap.newLinkedHashMap(32);
        v.put("id", l.id());
        v.put("firstName", l.firstName());
        v.put("lastName", l.lastName());
        v.put("email", l.email());
        v.put("linkedinUrl", l.linkedinUrl());
        v.put("company", l.company());
        v.put("title", l.title());
        v.put("phone", l.phone());
        v.put("location", l.location());
        v.put("status", l.status().wire());
        v.put("source", l.source().wire());
        v.put("notes", l.notes());
        v.put("tags", l.tags());
        v.put("customFields", l.customFields());
        v.put("createdAt", time(l.createdAt()));
        v.put("updatedAt", time(l.updatedAt()));
        v.put("lastContactedAt", time(l.lastContactedAt()));
        v.put("companyId", l.companyId());
        v.put("ownerId", l.ownerId());
        v.put("score", l.score());
        v.put("engagementScores", l.engagementScores());
        v.put("profileScores", l.profileScores());
        v.put("rulesetNames", l.rulesetNames());
        v.put("engagementPrimaryRulesetName", l.insights().engagementPrimaryRulesetName());
        v.put("profilePrimaryRulesetName", l.insights().profilePrimaryRulesetName());
        v.put("level", l.level());
        v.put("lastEventAt", time(l.lastEventAt()));
        v.put("lastEventType", l.lastEventType());
        v.put("version", l.version());
        v.put("enrichedAt", time(l.insights().enrichedAt()));
        v.put("enrichmentSources", l.insights().enrichmentSources());
        v.put("confidence", l.insights().confidence());
        return v;
    }

    public static Map<String, Object> list(Leads.LeadList list) {
        LeadPage page = list.page();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("leads", page.leads().stream().map(LeadViews::lead).toList());
        data.put("pagination", Pagination.of(page.page(), page.limit(), page.total(), list.nextCursor()));
        return data;
    }

    public static Map<String, Object> batch(List<Leads.BatchItem> items) {
        List<Map<String, Object>> results = items.stream().map(LeadViews::batchItem).toList();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("total", items.size());
        summary.put("created", items.stream().filter(i -> i.status().equals("created")).count());
        summary.put("duplicates", items.stream().filter(i -> i.status().equals("duplicate")).count());
        summary.put("invalid", items.stream().filter(i -> i.status().equals("invalid")).count());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("results", results);
        data.put("summary", summary);
        return data;
    }

    private static Map<String, Object> batchItem(Leads.BatchItem item) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("index", item.index());
        v.put("status", item.status());
        switch (item.status()) {
            case "created" -> {
                v.put("id", item.lead().id());
                v.put("lead", lead(item.lead()));
            }
            case "duplicate" -> {
                if (item.existingId() != null) {
                    v.put("existingId", item.existingId());
                }
            }
            default -> v.put("errors", item.errors());
        }
        return v;
    }

    /** The ETag of a lead: its version, quoted. */
    public static String etag(Lead lead) {
        return "\"" + lead.version() + "\"";
    }

    private static String time(Instant t) {
        return t == null ? null : IsoTime.text(t);
    }
}
