package dev.leadbase.leads.store;

import dev.leadbase.shared.dynamo.BatchGet;
import dev.leadbase.shared.dynamo.Expr;
import dev.leadbase.shared.dynamo.Items;
import dev.leadbase.shared.dynamo.Pages;

import static dev.leadbase.shared.dynamo.Items.s;

import dev.leadbase.leads.domain.Lead;
import dev.leadbase.leads.domain.LeadPage;
import dev.leadbase.leads.domain.LeadPosition;
import dev.leadbase.leads.domain.LeadShards;
import dev.leadbase.leads.domain.ListLeadsQuery;
import dev.leadbase.leads.domain.ReadStats;
import dev.leadbase.leads.store.LeadKeys.Index;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Lead lists: Queries on one GSI in every shard of the tenant ({@link ShardedLeadList}) or, for a search, on the search
 * entries of the LeadIndex table; never a Scan. Totals are exact: a counter when one answers, else a COUNT of the matches.
 */
final class LeadLists {
    private final DynamoDbClient dynamo;
    private final String leads;
    private final String index;
    private final LeadShards shards;
    private final ShardedLeadList indexLists;

    LeadLists(DynamoDbClient dynamo, String leadsTable, String leadIndexTable, LeadShards shards) {
        this.dynamo = dynamo;
        this.leads = leadsTable;
        this.index = leadIndexTable;
        this.shards = shards;
        this.indexLists = new ShardedLeadList(dynamo, leadsTable, new LeadCounters(dynamo, leadIndexTable));
    }

    /** Reads one page; {@code position} comes from a previous page's {@code nextPosition}, or null. */
    LeadPage read(ListLeadsQuery q, LeadPosition position) {
        return q.hasSearch() ? new SearchReader(q).read(position)
                : indexLists.read(q, position, shards, true);
    }

    /** The first page's leads of {@code q} (no search), its total not counted. */
    List<Lead> firstLeads(ListLeadsQuery q) {
        if (q.hasSearch()) {
            throw new IllegalArgumentException("a search is read with its total");
        }
        return indexLists.read(q, null, shards, false).leads();
    }

    /** The leads of these ids in the given order, leaving out any deleted since they were listed. */
    private List<Lead> fetch(String tenantId, List<String> ids) {
        Map<String, Lead> byId = new HashMap<>();
        List<Map<String, AttributeValue>> keys = ids.stream().map(id -> LeadKeys.key(tenantId, id)).toList();
        for (Map<String, AttributeValue> item : BatchGet.items(dynamo, leads, keys, false)) {
            Lead l = LeadItems.lead(item);
            byId.put(l.id(), l);
        }
        List<Lead> ordered = new ArrayList<>();
        ids.forEach(id -> {
            if (byId.containsKey(id)) {
                ordered.add(byId.get(id));
            }
        });
        return ordered;
    }

    /**
     * Search: reads the entries of the rarest term the words allow (a pair of words when two have
     * three letters or more, else the longest word's prefix), filters them on the term's full words,
     * then reads the leads and checks them on every word and the other filters. Words of one letter
     * only have no entries: the tenant's leads are then read whole from the table and checked in memory.
     */
    private final class SearchReader {
        private final ListLeadsQuery q;
        /** The partition of the term's entries; null when every word is shorter than the shortest entry prefix. */
        private final String pk;
        private final Expr filter = new Expr();
        private final String filterText;
        /** Whether the entries passing the filter are exactly the matches, so that a COUNT of them is the total. */
        private final boolean countedByEntries;

        SearchReader(ListLeadsQuery q) {
            this.q = q;
            List<String> words = new ArrayList<>();
            for (String w : new LinkedHashSet<>(q.searchWords())) {
                // a word that starts another word is implied by it
                if (q.searchWords().stream().noneMatch(o -> !o.equals(w) && o.startsWith(w))) {
                    words.add(w);
                }
            }
            words.sort(Comparator.comparingInt(String::length).reversed());
            String term;
            int pair = LeadKeys.pairPrefixLength();
            if (words.getFirst().length() < LeadKeys.shortestPrefixLength()) {
                term = null;
            } else if (words.size() >= 2 && words.get(1).length() >= pair) {
                term = LeadKeys.pairTerm(words.get(0), words.get(1));
            } else {
                term = LeadKeys.singleTerm(words.get(0));
            }
            this.pk = term == null ? null : LeadKeys.searchPk(q.tenantId(), term);
            // an entry holds only the words of its term's prefixes: the term's own words are checked on the entries,
            // any other word on the fetched leads
            List<String> termWords = term == null ? List.of() : words.subList(0, term.startsWith("w#") ? 1 : 2);
            List<String> parts = new ArrayList<>();
            for (String w : termWords) {
                if (LeadKeys.entryChecked(term, w)) {
                    parts.add("contains(" + filter.name(LeadKeys.WORDS) + ", " + filter.value(s(" " + w)) + ")");
                }
            }
            this.filterText = String.join(" AND ", parts);
            this.countedByEntries = !q.hasFiltersBesidesSearch() && termWords.size() == words.size();
        }

        LeadPage read(LeadPosition position) {
            return q.pagedByOffset() || pk == null ? readSorted(position) : readInOrder(position);
        }

        private QueryRequest.Builder query() {
            Expr e = filter;
            e.names.put("#pk", LeadKeys.PK);
            e.values.put(":pk", s(pk));
            QueryRequest.Builder b = QueryRequest.builder().tableName(index).keyConditionExpression("#pk = :pk")
                    .scanIndexForward(q.ascending()).expressionAttributeNames(e.names).expressionAttributeValues(e.values);
            if (!filterText.isEmpty()) {
                b.filterExpression(filterText);
            }
            return b;
        }

        /** Created-time order is the entries' own order: read only as far as the page needs. */
        private LeadPage readInOrder(LeadPosition position) {
            Map<String, AttributeValue> start = position == null ? null
                    : Map.of(LeadKeys.PK, s(pk), LeadKeys.SK, s(position.sortKey()));
            int pageNo = position == null ? q.page() : position.page();
            long toSkip = position == null ? (long) (q.page() - 1) * q.limit() : 0;
            long scanned = 0;
            long skippedScanned = 0;
            List<Lead> page = new ArrayList<>();
            String lastKey = null;
            Pages pages = Pages.resuming(dynamo, query().build(), start);
            while (pages.hasNext() && page.size() < q.limit()) {
                QueryResponse r = pages.next((int) Math.min(1000, toSkip + q.limit() - page.size()));
                if (toSkip > 0) {
                    skippedScanned += r.scannedCount();
                } else {
                    scanned += r.scannedCount();
                }
                List<Map<String, AttributeValue>> entries = r.items();
                Map<String, Lead> byId = new HashMap<>();
                fetch(q.tenantId(), LeadItems.ids(entries)).forEach(l -> byId.put(l.id(), l));
                for (Map<String, AttributeValue> entry : entries) {
                    Lead lead = byId.get(Items.str(entry, LeadKeys.LEAD_ID));
                    if (lead == null || !q.matches(lead)) {
                        continue;
                    }
                    if (toSkip > 0) {
                        toSkip--;
                    } else if (page.size() < q.limit()) {
                        page.add(lead);
                        lastKey = Items.str(entry, LeadKeys.SK);
                    }
                }
            }
            long[] total = total();
            LeadPosition next = page.size() == q.limit() && lastKey != null
                    ? new LeadPosition(pageNo + 1, lastKey, page.getLast().id(), 0) : null;
            return new LeadPage(page, pageNo, q.limit(), total[0], next,
                    new ReadStats("search", scanned, page.size(), skippedScanned, total[1], false));
        }

        /**
         * Other orders, and words too short for entries: every match is read and sorted by the same sort key the
         * index would use. A created-time order resumes after the last key returned, as entries would.
         */
        private LeadPage readSorted(LeadPosition position) {
            List<Lead> all = allMatches();
            Index sortIndex = switch (q.sortBy()) {
                case UPDATED_AT -> Index.UPDATED;
                case LAST_CONTACTED_AT -> Index.CONTACTED;
                case FIRST_NAME -> Index.FIRST_NAME;
                case LAST_NAME -> Index.LAST_NAME;
                case COMPANY -> Index.COMPANY;
                case SCORE -> Index.SCORE;
                case LAST_EVENT_AT -> Index.LAST_EVENT;
                default -> Index.CREATED;
            };
            Comparator<Lead> order = Comparator.comparing(l -> String.valueOf(LeadKeys.sortKey(sortIndex, l)));
            all.sort(q.ascending() ? order : order.reversed());
            int pageNo = position == null ? q.page() : position.page();
            long offset = position == null ? (long) (q.page() - 1) * q.limit()
                    : position.sortKey() == null ? position.offset()
                    : all.stream().takeWhile(l -> !after(LeadKeys.sortKey(sortIndex, l), position.sortKey())).count();
            List<Lead> page = all.subList((int) Math.min(all.size(), offset), (int) Math.min(all.size(), offset + q.limit()));
            LeadPosition next = offset + page.size() >= all.size() ? null
                    : q.pagedByOffset() ? new LeadPosition(pageNo + 1, null, null, offset + page.size())
                    : new LeadPosition(pageNo + 1, LeadKeys.sortKey(sortIndex, page.getLast()), page.getLast().id(), 0);
            return new LeadPage(page, pageNo, q.limit(), all.size(), next,
                    new ReadStats(pk == null ? "search (table)" : "search", lastScanned, all.size(), 0, 0, false));
        }

        /** True when {@code key} comes after {@code last} in the list's order. */
        private boolean after(String key, String last) {
            return q.ascending() ? key.compareTo(last) > 0 : key.compareTo(last) < 0;
        }

        private long lastScanned;

        private List<Lead> allMatches() {
            List<Lead> matches = new ArrayList<>();
            long scanned = 0;
            if (pk == null) {
                for (Pages pages = Pages.of(dynamo, tenantLeads()); pages.hasNext(); ) {
                    QueryResponse r = pages.next();
                    scanned += r.scannedCount();
                    r.items().stream().filter(LeadItems::holdsLead).map(LeadItems::lead).filter(q::matches)
                            .forEach(matches::add);
                }
                lastScanned = scanned;
                return matches;
            }
            for (Pages pages = Pages.of(dynamo, query().build()); pages.hasNext(); ) {
                QueryResponse r = pages.next();
                scanned += r.scannedCount();
                fetch(q.tenantId(), LeadItems.ids(r.items())).stream().filter(q::matches).forEach(matches::add);
            }
            lastScanned = scanned;
            return matches;
        }

        /** Every lead item of the tenant, from the table itself (its partition key is the tenant). */
        private QueryRequest tenantLeads() {
            return QueryRequest.builder().tableName(leads).keyConditionExpression("#t = :t")
                    .expressionAttributeNames(Map.of("#t", LeadKeys.TENANT_ID))
                    .expressionAttributeValues(Map.of(":t", s(q.tenantId()))).build();
        }

        /**
         * {total, items evaluated}: a COUNT of the entries when they check every word and nothing else filters, else
         * every match read.
         */
        private long[] total() {
            if (countedByEntries) {
                long count = 0;
                long scanned = 0;
                for (Pages pages = Pages.of(dynamo, query().select(Select.COUNT).build()); pages.hasNext(); ) {
                    QueryResponse r = pages.next();
                    count += r.count();
                    scanned += r.scannedCount();
                }
                return new long[] {count, scanned};
            }
            long n = allMatches().size();
            return new long[] {n, lastScanned};
        }
    }
}
