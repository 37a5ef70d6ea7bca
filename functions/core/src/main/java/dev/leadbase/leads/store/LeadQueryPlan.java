package dev.leadbase.leads.store;

import dev.leadbase.shared.dynamo.Expr;
import dev.leadbase.shared.dynamo.Items;

import static dev.leadbase.shared.dynamo.Items.s;

import dev.leadbase.leads.store.LeadKeys.Index;
import dev.leadbase.leads.domain.LeadSort;
import dev.leadbase.leads.edge.ListLeadsQuery;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Which GSI serves a lead list, with its key condition (partition and sort-key range) and a filter
 * for whatever the key cannot express. The table in docs/data-model.md is this class in prose.
 */
final class LeadQueryPlan {
    final Index index;
    final String pk;
    final String lo;
    final String hi;
    final boolean forward;
    final String counter;
    private final ListLeadsQuery q;
    private final Set<String> servedByKey = new HashSet<>();

    private LeadQueryPlan(ListLeadsQuery q, Index index, String pk, String lo, String hi) {
        this.q = q;
        this.index = index;
        this.pk = pk;
        this.lo = lo;
        this.hi = hi;
        this.forward = q.ascending();
        this.counter = null;
    }

    private LeadQueryPlan(LeadQueryPlan p, Set<String> served, String counter) {
        this.q = p.q;
        this.index = p.index;
        this.pk = p.pk;
        this.lo = p.lo;
        this.hi = p.hi;
        this.forward = p.forward;
        this.servedByKey.addAll(served);
        this.counter = counter;
    }

    static LeadQueryPlan of(ListLeadsQuery q) {
        String t = q.tenantId();
        String owner = q.effectiveOwner();
        Set<String> served = new HashSet<>();
        LeadQueryPlan plan;
        switch (q.sortBy()) {
            case CREATED_AT -> {
                Index index;
                String pk;
                String prefix = "";
                if (owner != null) {
                    index = Index.OWNER;
                    pk = LeadKeys.ownerPk(t, owner);
                    served.add("owner");
                } else if (q.companyId() != null) {
                    index = Index.COMPANY_ID;
                    pk = LeadKeys.companyIdPk(t, q.companyId());
                    served.add("companyId");
                } else if (q.company() != null) {
                    index = Index.COMPANY;
                    pk = t;
                    prefix = LeadKeys.companyPrefix(q.company());
                    served.add("company");
                } else if (q.status() != null && q.source() != null) {
                    index = Index.STATUS_SOURCE;
                    pk = LeadKeys.statusSourcePk(t, q.status().wire(), q.source().wire());
                    served.add("status");
                    served.add("source");
                } else if (q.status() != null) {
                    index = Index.STATUS;
                    pk = LeadKeys.statusPk(t, q.status().wire());
                    served.add("status");
                } else if (q.source() != null) {
                    index = Index.SOURCE;
                    pk = LeadKeys.sourcePk(t, q.source().wire());
                    served.add("source");
                } else {
                    index = Index.CREATED;
                    pk = t;
                }
                served.add("created");
                plan = timeRange(q, index, pk, prefix, q.createdFrom(), q.createdTo());
            }
            case UPDATED_AT -> {
                served.add("updated");
                plan = timeRange(q, Index.UPDATED, t, "", q.updatedFrom(), null);
            }
            case LAST_CONTACTED_AT -> {
                served.add("contacted");
                plan = timeRange(q, Index.CONTACTED, t, "", q.contactedFrom(), q.contactedTo());
            }
            case FIRST_NAME -> plan = new LeadQueryPlan(q, Index.FIRST_NAME, t, null, null);
            case LAST_NAME -> plan = new LeadQueryPlan(q, Index.LAST_NAME, t, null, null);
            case COMPANY -> {
                if (q.company() != null) {
                    served.add("company");
                    served.add("created");
                    plan = timeRange(q, Index.COMPANY, t, LeadKeys.companyPrefix(q.company()), q.createdFrom(), q.createdTo());
                } else {
                    plan = new LeadQueryPlan(q, Index.COMPANY, t, null, null);
                }
            }
            case SCORE -> {
                served.add("score");
                plan = new LeadQueryPlan(q, Index.SCORE, t,
                        q.minScore() == null ? (q.maxScore() == null ? null : "n") : LeadKeys.scoreValue(q.minScore()),
                        q.maxScore() == null ? null : LeadKeys.scoreValue(q.maxScore()) + "#~");
            }
            case LAST_EVENT_AT -> {
                served.add("lastEvent");
                plan = timeRange(q, Index.LAST_EVENT, t, "", q.lastEventFrom(), null);
            }
            default -> throw new IllegalStateException("unplanned sort " + q.sortBy());
        }
        return new LeadQueryPlan(plan, served, counterFor(q));
    }

    private static LeadQueryPlan timeRange(ListLeadsQuery q, Index index, String pk, String prefix, Instant from, Instant to) {
        String lo = from == null ? (prefix.isEmpty() ? null : prefix) : prefix + LeadKeys.time(from);
        String hi = to == null ? (prefix.isEmpty() ? null : prefix + "~")
                : prefix + LeadKeys.time(to.minusMillis(1)) + "~";
        if (index == Index.CONTACTED && lo == null && hi != null) {
            lo = "#"; // leads never contacted have no contact time: they are not "before" anything
        }
        return new LeadQueryPlan(q, index, pk, lo, hi);
    }

    /** The exact counter answering the total, when the filters are only owner, status and source. */
    private static String counterFor(ListLeadsQuery q) {
        boolean onlyCounted = q.searchWords().isEmpty() && q.company() == null && q.companyId() == null
                && q.title() == null && q.tag() == null && q.createdFrom() == null && q.createdTo() == null
                && q.updatedFrom() == null && q.contactedFrom() == null && q.contactedTo() == null
                && q.minScore() == null && q.maxScore() == null && q.eventType() == null && q.lastEventFrom() == null;
        return onlyCounted ? LeadKeys.counter(q.effectiveOwner(), q.status() == null ? null : q.status().wire(),
                q.source() == null ? null : q.source().wire()) : null;
    }

    /** Starts a query on this plan: key condition and filter set; the caller adds limit, start key, projection. */
    QueryRequest.Builder query(String table) {
        Expr e = new Expr();
        String key = e.name(index.pkAttribute) + " = " + e.value(s(pk));
        String sk = lo == null && hi == null ? null : e.name(index.skAttribute);
        if (lo != null && hi != null) {
            key += " AND " + sk + " BETWEEN " + e.value(s(lo)) + " AND " + e.value(s(hi));
        } else if (lo != null) {
            key += " AND " + sk + " >= " + e.value(s(lo));
        } else if (hi != null) {
            key += " AND " + sk + " <= " + e.value(s(hi));
        }
        Expr f = filter(e);
        QueryRequest.Builder b = QueryRequest.builder().tableName(table).indexName(index.indexName)
                .keyConditionExpression(key).scanIndexForward(forward)
                .expressionAttributeNames(e.names).expressionAttributeValues(e.values);
        if (!f.isEmpty()) {
            b.filterExpression(f.joined(" AND "));
        }
        return b;
    }

    /** Projects only the keys (what skipping to {@code page=N} needs). */
    QueryRequest.Builder keysOnly(QueryRequest.Builder b) {
        Map<String, String> names = new java.util.HashMap<>(b.build().expressionAttributeNames());
        java.util.List<String> projected = new java.util.ArrayList<>();
        for (String attribute : new java.util.LinkedHashSet<>(java.util.List.of(LeadKeys.TENANT_ID, LeadKeys.LEAD_ID,
                index.pkAttribute, index.skAttribute))) {
            String placeholder = "#k" + projected.size();
            names.put(placeholder, attribute);
            projected.add(placeholder);
        }
        return b.projectionExpression(String.join(", ", projected)).expressionAttributeNames(names);
    }

    boolean hasFilter() {
        return !filter(new Expr()).isEmpty();
    }

    private Expr filter(Expr e) {
        Expr f = e.sibling();
        if (q.status() != null && !servedByKey.contains("status")) {
            f.and(e.name("status") + " = " + e.value(s(q.status().wire())));
        }
        if (q.source() != null && !servedByKey.contains("source")) {
            f.and(e.name("source") + " = " + e.value(s(q.source().wire())));
        }
        if (q.effectiveOwner() != null && !servedByKey.contains("owner")) {
            f.and(e.name("ownerId") + " = " + e.value(s(q.effectiveOwner())));
        }
        if (q.companyId() != null && !servedByKey.contains("companyId")) {
            f.and(e.name("companyId") + " = " + e.value(s(q.companyId())));
        }
        if (q.company() != null && !servedByKey.contains("company")) {
            f.and(e.name(LeadKeys.COMPANY_NORM) + " = " + e.value(s(q.company())));
        }
        if (q.title() != null) {
            f.and("contains(" + e.name(LeadKeys.TITLE_NORM) + ", " + e.value(s(q.title())) + ")");
        }
        if (q.tag() != null) {
            f.and("contains(" + e.name("tags") + ", " + e.value(s(q.tag())) + ")");
        }
        if (!servedByKey.contains("created")) {
            range(f, e, "createdAt", q.createdFrom(), q.createdTo());
        }
        if (!servedByKey.contains("updated")) {
            range(f, e, "updatedAt", q.updatedFrom(), null);
        }
        if (!servedByKey.contains("contacted")) {
            range(f, e, "lastContactedAt", q.contactedFrom(), q.contactedTo());
        }
        if (!servedByKey.contains("score")) {
            if (q.minScore() != null) {
                f.and(e.name("score") + " >= " + e.value(Items.n(q.minScore())));
            }
            if (q.maxScore() != null) {
                f.and(e.name("score") + " <= " + e.value(Items.n(q.maxScore())));
            }
        }
        if (q.eventType() != null) {
            f.and(e.name("lastEventType") + " = " + e.value(s(q.eventType())));
        }
        if (!servedByKey.contains("lastEvent")) {
            range(f, e, "lastEventAt", q.lastEventFrom(), null);
        }
        return f;
    }

    private static void range(Expr f, Expr e, String attribute, Instant from, Instant to) {
        if (from != null) {
            f.and(e.name(attribute) + " >= " + e.value(s(LeadKeys.time(from))));
        }
        if (to != null) {
            f.and(e.name(attribute) + " < " + e.value(s(LeadKeys.time(to))));
        }
    }

    /** The start key resuming after the item whose sort key and id are given. */
    Map<String, AttributeValue> startAfter(String sortKey, String leadId) {
        Map<String, AttributeValue> k = new java.util.HashMap<>(LeadKeys.key(q.tenantId(), leadId));
        k.put(index.pkAttribute, s(pk));
        k.put(index.skAttribute, s(sortKey));
        return k;
    }

    boolean sortedBy(LeadSort sort) {
        return q.sortBy() == sort;
    }
}
