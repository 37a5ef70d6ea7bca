package dev.leadbase.leads.store;

import dev.leadbase.shared.concurrent.AtOnce;
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
import java.util.concurrent.Callable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

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
     * Search: reads every entry of the longest search word (its partition in each of the tenant's K lead shards, at
     * once, {@code begins_with} on the word), filtered on the other words the entries hold, orders the leads they name
     * by creation key in memory, then reads the page's leads and checks them on every word and the other filters. The
     * entries read are the same that counting the matches reads, so the total costs nothing more. Words of one letter
     * only have no entries: the tenant's leads are then read whole from the table and checked in memory.
     */
    private final class SearchReader {
        private final ListLeadsQuery q;
        /** The key word (its first letters name its entries' partitions); null when every word is shorter than that. */
        private final String pkWord;
        private final Expr filter = new Expr();
        private final String keyCondition;
        private final String filterText;
        /** Whether the entries passing the filter are exactly the matches, so that counting them is the total. */
        private final boolean countedByEntries;
        private long lastScanned;

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
            String keyWord = words.getFirst();
            boolean keyed = keyWord.length() >= LeadKeys.shortestSearchKeyWord();
            this.pkWord = keyed ? keyWord : null;
            this.keyCondition = keyed ? "#pk = :pk AND begins_with(#sk, " + filter.value(s(LeadKeys.keyWord(keyWord))) + ")" : null;
            // the key holds the word's first letters; every word it does not imply is checked on the entries' words
            List<String> parts = new ArrayList<>();
            for (String w : words) {
                if (!w.equals(keyWord) || !LeadKeys.keyWord(w).equals(w)) {
                    parts.add("contains(" + filter.name(LeadKeys.WORDS) + ", " + filter.value(s(" " + w)) + ")");
                }
            }
            this.filterText = String.join(" AND ", parts);
            this.countedByEntries = !q.hasFiltersBesidesSearch();
        }

        LeadPage read(LeadPosition position) {
            return q.pagedByOffset() || pkWord == null ? readSorted(position) : readInOrder(position);
        }

        /** One lead the entries name: its id and creation key. */
        private record Named(String id, String createdKey) {
        }

        /**
         * Every lead the key word's entries name (once, though several of its words begin with the key word), in the
         * list's order: the word's partition in each of the tenant's current K shards, read at once (a lead placed when
         * K was smaller is in one of them, since K only grows).
         */
        private List<Named> named() {
            Expr e = filter;
            e.names.put("#pk", LeadKeys.PK);
            e.names.put("#sk", LeadKeys.SK);
            e.names.put("#id", LeadKeys.LEAD_ID);
            List<Callable<List<QueryResponse>>> reads = new ArrayList<>();
            for (int k = 0, shardCount = shards.current(q.tenantId()); k < shardCount; k++) {
                Map<String, AttributeValue> values = new HashMap<>(e.values);
                values.put(":pk", s(LeadKeys.searchPk(q.tenantId(), pkWord, k)));
                QueryRequest.Builder b = QueryRequest.builder().tableName(index).keyConditionExpression(keyCondition)
                        .projectionExpression("#sk, #id").expressionAttributeNames(e.names).expressionAttributeValues(values);
                if (!filterText.isEmpty()) {
                    b.filterExpression(filterText);
                }
                QueryRequest request = b.build();
                reads.add(() -> {
                    List<QueryResponse> responses = new ArrayList<>();
                    Pages.of(dynamo, request).forEachRemaining(responses::add);
                    return responses;
                });
            }
            Map<String, Named> byId = new HashMap<>();
            long scanned = 0;
            for (List<QueryResponse> shard : AtOnce.all(reads)) {
                for (QueryResponse r : shard) {
                    scanned += r.scannedCount();
                    for (Map<String, AttributeValue> entry : r.items()) {
                        String id = Items.str(entry, LeadKeys.LEAD_ID);
                        byId.putIfAbsent(id, new Named(id, LeadKeys.createdKeyOfSearchSk(Items.str(entry, LeadKeys.SK))));
                    }
                }
            }
            lastScanned = scanned;
            List<Named> all = new ArrayList<>(byId.values());
            Comparator<Named> order = Comparator.comparing(Named::createdKey);
            all.sort(q.ascending() ? order : order.reversed());
            return all;
        }

        /** Created-time order: the named leads from the position on, read and checked until the page is full. */
        private LeadPage readInOrder(LeadPosition position) {
            List<Named> all = named();
            long entriesRead = lastScanned;
            int from = 0;
            if (position != null) {
                while (from < all.size() && !after(all.get(from).createdKey(), position.sortKey())) {
                    from++;
                }
            }
            int pageNo = position == null ? q.page() : position.page();
            long toSkip = position == null ? (long) (q.page() - 1) * q.limit() : 0;
            List<Lead> page = new ArrayList<>();
            String lastKey = null;
            long total = countedByEntries ? all.size() : 0;
            int at = from;
            long read = 0;
            long readSkipping = 0;
            while (at < all.size() && page.size() < q.limit()) {
                List<Named> chunk = all.subList(at, (int) Math.min(all.size(), at + Math.min(100, toSkip + q.limit() - page.size())));
                at += chunk.size();
                if (toSkip > 0) {
                    readSkipping += chunk.size();
                } else {
                    read += chunk.size();
                }
                Map<String, Lead> byId = new HashMap<>();
                fetch(q.tenantId(), chunk.stream().map(Named::id).toList()).forEach(l -> byId.put(l.id(), l));
                for (Named n : chunk) {
                    Lead lead = byId.get(n.id());
                    if (lead == null || !q.matches(lead)) {
                        continue;
                    }
                    if (toSkip > 0) {
                        toSkip--;
                    } else if (page.size() < q.limit()) {
                        page.add(lead);
                        lastKey = n.createdKey();
                    }
                }
            }
            long countScanned = entriesRead;
            if (!countedByEntries) {
                total = matching(all).size();
                countScanned += all.size();
            }
            LeadPosition next = page.size() == q.limit() && lastKey != null
                    ? new LeadPosition(pageNo + 1, lastKey, page.getLast().id(), 0) : null;
            return new LeadPage(page, pageNo, q.limit(), total, next,
                    new ReadStats("search", read, page.size(), readSkipping, countScanned, false, entriesRead));
        }

        /** The leads of {@code named} that match every filter, in that order. */
        private List<Lead> matching(List<Named> named) {
            List<Lead> matches = new ArrayList<>();
            for (int i = 0; i < named.size(); i += 100) {
                fetch(q.tenantId(), named.subList(i, Math.min(named.size(), i + 100)).stream().map(Named::id).toList())
                        .stream().filter(q::matches).forEach(matches::add);
            }
            return matches;
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
                    new ReadStats(pkWord == null ? "search (table)" : "search", lastScanned, all.size(), 0, 0, false));
        }

        /** True when {@code key} comes after {@code last} in the list's order. */
        private boolean after(String key, String last) {
            return q.ascending() ? key.compareTo(last) > 0 : key.compareTo(last) < 0;
        }

        private List<Lead> allMatches() {
            if (pkWord != null) {
                return matching(named());
            }
            List<Lead> matches = new ArrayList<>();
            long scanned = 0;
            for (Pages pages = Pages.of(dynamo, tenantLeads()); pages.hasNext(); ) {
                QueryResponse r = pages.next();
                scanned += r.scannedCount();
                r.items().stream().filter(LeadItems::holdsLead).map(LeadItems::lead).filter(q::matches)
                        .forEach(matches::add);
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
    }
}
