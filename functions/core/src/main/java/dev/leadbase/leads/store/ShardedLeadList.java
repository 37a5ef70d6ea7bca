package dev.leadbase.leads.store;

import dev.leadbase.shared.concurrent.AtOnce;
import dev.leadbase.shared.dynamo.BatchGet;
import dev.leadbase.shared.dynamo.Items;
import dev.leadbase.shared.dynamo.ShardMerge;

import dev.leadbase.leads.domain.Lead;
import dev.leadbase.leads.domain.LeadPage;
import dev.leadbase.leads.domain.LeadPosition;
import dev.leadbase.leads.domain.LeadShards;
import dev.leadbase.leads.domain.ListLeadsQuery;
import dev.leadbase.leads.domain.ReadStats;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * A lead list served by one index ({@link LeadQueryPlan}) over the tenant's K shards: the shards' entries merged in
 * sort order ({@link ShardMerge}), then the page's leads read with one BatchGetItem and checked again (every filter,
 * and the entry's sort key): an entry whose lead is gone or has moved is skipped and the page is filled from the
 * entries after it.
 *
 * <p>A position is the sort key and lead id of the last entry taken from the merge. Sort keys are unique across
 * shards (they end in the lead id), so that one key is every shard's position: each shard resumes after it.
 */
final class ShardedLeadList {
    private static final int BATCH = 100;
    /** The fewest leads read at once when the leads alone tell which entries match. */
    private static final int MIN_CHECKED_BATCH = 25;
    private final DynamoDbClient dynamo;
    private final String leads;
    private final LeadCounters counters;

    ShardedLeadList(DynamoDbClient dynamo, String leadsTable, LeadCounters counters) {
        this.dynamo = dynamo;
        this.leads = leadsTable;
        this.counters = counters;
    }

    /**
     * Reads one page over the tenant's current shards; {@code position} comes from a previous page, or null. Without
     * {@code counted} the page's total is 0, and nothing is read to count it.
     */
    LeadPage read(ListLeadsQuery q, LeadPosition position, LeadShards tenantShards, boolean counted) {
        LeadQueryPlan plan = LeadQueryPlan.of(q);
        // the total does not depend on the page (nor, when a counter answers, on K): read them at once
        AtOnce.Pending<long[]> counter = !counted || plan.counter == null ? null : AtOnce.start(() -> total(q, plan, 0));
        int shards = tenantShards.current(q.tenantId());
        AtOnce.Pending<long[]> total = !counted ? null
                : counter != null ? counter : AtOnce.start(() -> total(q, plan, shards));
        int pageNo = position == null ? q.page() : position.page();
        long toSkip = position == null ? (long) (q.page() - 1) * q.limit() : 0;
        Walk walk = new Walk(q, plan, merge(plan, shards, position, toSkip + q.limit()));
        long skipped = walk.skip(toSkip);
        List<Lead> page = walk.take(q.limit());
        LeadPosition next = page.size() == q.limit() && !page.isEmpty() && walk.mayHaveMore()
                ? new LeadPosition(pageNo + 1, walk.lastKey, walk.lastId, 0) : null;
        long[] totalRead = total == null ? new long[] {0, 0} : total.get();
        return new LeadPage(page, pageNo, q.limit(), totalRead[0], next, new ReadStats(plan.index.indexName,
                walk.pageLeadsRead, page.size(), skipped, totalRead[1], plan.counter != null, walk.merge.entriesRead()));
    }

    /** {total, items evaluated to count it}: a counter when one answers (K unused), else the matches counted. */
    private long[] total(ListLeadsQuery q, LeadQueryPlan plan, int shards) {
        if (plan.counter != null) {
            return new long[] {Math.max(0, counters.total(q.tenantId(), plan.counter)), 0};
        }
        return plan.checksOnLeads() ? countByReading(q, plan, shards) : count(plan, shards);
    }

    private ShardMerge merge(LeadQueryPlan plan, int shards, LeadPosition position, long wanted) {
        List<QueryRequest> queries = new ArrayList<>();
        List<Map<String, AttributeValue>> starts = new ArrayList<>();
        for (int k = 0; k < shards; k++) {
            queries.add(plan.entries(leads, k));
            starts.add(position == null ? null : plan.startAfter(k, position.sortKey(), position.leadId()));
        }
        return new ShardMerge(dynamo, queries, starts, plan.index.skAttribute, plan.forward,
                ShardMerge.firstLimit(wanted, shards));
    }

    /** Exact count of the plan's matches, every shard counted at once: {count, entries evaluated}. */
    private long[] count(LeadQueryPlan plan, int shards) {
        List<QueryRequest> queries = new ArrayList<>();
        for (int k = 0; k < shards; k++) {
            queries.add(plan.query(leads, k).build());
        }
        return ShardMerge.count(dynamo, queries);
    }

    /**
     * Exact count when some condition is on a field the index does not project: every entry passing the rest is read
     * from the table and checked, {count, entries evaluated + leads read}. Costs one lead read per such entry.
     */
    private long[] countByReading(ListLeadsQuery q, LeadQueryPlan plan, int shards) {
        Walk all = new Walk(q, plan, merge(plan, shards, null, (long) BATCH * shards));
        long count = 0;
        while (all.hasNext()) {
            count += all.matches(BATCH, BATCH).size();
        }
        return new long[] {count, all.merge.entriesRead() + all.leadsRead};
    }

    /** One pass over the merged entries: what it took last, and the leads it read. */
    private final class Walk {
        final ListLeadsQuery q;
        final LeadQueryPlan plan;
        final ShardMerge merge;
        /** Entries read past the last one taken, with their leads: the next to take. */
        private final ArrayDeque<Map<String, AttributeValue>> pending = new ArrayDeque<>();
        private final Map<String, Lead> pendingLeads = new HashMap<>();
        String lastKey;
        String lastId;
        long leadsRead;
        long pageLeadsRead;

        Walk(ListLeadsQuery q, LeadQueryPlan plan, ShardMerge merge) {
            this.q = q;
            this.plan = plan;
            this.merge = merge;
        }

        boolean hasNext() {
            return !pending.isEmpty() || merge.hasNext();
        }

        /** True unless no entry can follow; reads nothing. */
        boolean mayHaveMore() {
            return !pending.isEmpty() || merge.mayHaveMore();
        }

        /**
         * Passes {@code n} matching entries: by their keys alone when the index holds every condition, else by
         * reading their leads. Returns the entries passed.
         */
        long skip(long n) {
            long passed = 0;
            if (!plan.checksOnLeads()) {
                while (passed < n && hasNext()) {
                    taken(next());
                    passed++;
                }
                return passed;
            }
            while (passed < n && hasNext()) {
                int want = (int) Math.min(BATCH, n - passed);
                passed += matches(batch(want), want).size();
            }
            return passed;
        }

        /** The next {@code n} matching leads, in order (fewer when the entries run out). */
        List<Lead> take(int n) {
            long before = leadsRead;
            List<Lead> found = new ArrayList<>();
            while (found.size() < n && hasNext()) {
                int want = n - found.size();
                found.addAll(matches(batch(want), want));
            }
            pageLeadsRead = leadsRead - before;
            return found;
        }

        /**
         * How many entries to read the leads of when {@code want} more matches are needed: exactly as many when the
         * index holds every condition (each entry is then a match unless stale), else a few more, since only the
         * leads tell which entries match.
         */
        private int batch(int want) {
            return plan.checksOnLeads() ? Math.min(BATCH, Math.max(want, MIN_CHECKED_BATCH)) : want;
        }

        /**
         * Takes up to {@code n} entries, reads their leads with one BatchGetItem and keeps, in order, those that still
         * match and still have the entry's sort key, up to {@code want} of them. Entries after the one that made
         * {@code want} stay pending, with their leads, for the next call; the position is the last entry taken.
         */
        List<Lead> matches(int n, int want) {
            List<Map<String, AttributeValue>> entries = new ArrayList<>();
            while (entries.size() < n && hasNext()) {
                entries.add(next());
            }
            Map<String, Lead> byId = new HashMap<>(pendingLeads);
            pendingLeads.clear();
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            for (Map<String, AttributeValue> entry : entries) {
                String id = leadId(entry);
                if (!byId.containsKey(id)) {
                    keys.add(LeadKeys.key(q.tenantId(), id));
                }
            }
            for (Map<String, AttributeValue> item : BatchGet.items(dynamo, leads, keys, false)) {
                Lead lead = LeadItems.lead(item);
                byId.put(lead.id(), lead);
            }
            leadsRead += keys.size();
            List<Lead> kept = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                Map<String, AttributeValue> entry = entries.get(i);
                if (kept.size() == want) {
                    for (int j = entries.size() - 1; j >= i; j--) {
                        pending.addFirst(entries.get(j));
                        Lead lead = byId.get(leadId(entries.get(j)));
                        if (lead != null) {
                            pendingLeads.put(lead.id(), lead);
                        }
                    }
                    break;
                }
                taken(entry);
                Lead lead = byId.get(leadId(entry));
                if (lead != null && q.matches(lead) && lastKey.equals(LeadKeys.sortKey(plan.index, lead))) {
                    kept.add(lead);
                }
            }
            return kept;
        }

        private Map<String, AttributeValue> next() {
            return pending.isEmpty() ? merge.next() : pending.poll();
        }

        private void taken(Map<String, AttributeValue> entry) {
            lastKey = Items.str(entry, plan.index.skAttribute);
            lastId = leadId(entry);
        }
    }

    private static String leadId(Map<String, AttributeValue> entry) {
        return Items.str(entry, LeadKeys.LEAD_ID);
    }
}
