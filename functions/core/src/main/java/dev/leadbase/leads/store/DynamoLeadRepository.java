package dev.leadbase.leads.store;

import dev.leadbase.shared.dynamo.BatchGet;
import dev.leadbase.shared.dynamo.Expr;
import dev.leadbase.shared.dynamo.Items;
import dev.leadbase.shared.dynamo.Resume;

import static dev.leadbase.shared.dynamo.Items.s;

import dev.leadbase.leads.store.LeadKeys.Index;
import dev.leadbase.leads.domain.Emails;
import dev.leadbase.leads.domain.Lead;
import dev.leadbase.leads.domain.LeadPage;
import dev.leadbase.leads.domain.LeadPosition;
import dev.leadbase.leads.domain.LeadRepository;
import dev.leadbase.leads.edge.ListLeadsQuery;
import dev.leadbase.leads.domain.ReadStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Leads in DynamoDB: reads and lists here, every write through the {@link LeadItemWriter}. Lists are Queries on
 * one GSI ({@link LeadQueryPlan}) or on the search entries; never a Scan.
 */
public final class DynamoLeadRepository implements LeadRepository {
    private final DynamoDbClient dynamo;
    private final String leads;
    private final String index;
    private final LeadItemWriter writer;

    public DynamoLeadRepository(DynamoDbClient dynamo, String leadsTable, String leadIndexTable) {
        this.dynamo = dynamo;
        this.leads = leadsTable;
        this.index = leadIndexTable;
        this.writer = new LeadItemWriter(dynamo, leadsTable, leadIndexTable);
    }

    // ------------------------------------------------------------------ writes ({@link LeadItemWriter})

    @Override
    public void create(Lead lead) {
        writer.create(lead);
    }

    @Override
    public void update(Lead before, Lead after) {
        writer.update(before, after);
    }

    @Override
    public void delete(Lead lead) {
        writer.delete(lead);
    }

    @Override
    public void recordEnrichment(String tenantId, String leadId, List<String> sources, double confidence, Instant at) {
        writer.recordEnrichment(tenantId, leadId, sources, confidence, at);
    }

    // ------------------------------------------------------------------ reads

    @Override
    public Optional<Lead> find(String tenantId, String leadId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(leads).key(LeadKeys.key(tenantId, leadId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(LeadItems.lead(item));
    }

    @Override
    public Map<String, Lead> findByEmails(String tenantId, Collection<String> emails) {
        Map<String, List<String>> asked = new HashMap<>();
        for (String email : emails) {
            if (Emails.valid(email)) {
                asked.computeIfAbsent(Emails.normalise(email), k -> new ArrayList<>()).add(email);
            }
        }
        Map<Map<String, AttributeValue>, String> normalisedByKey = new HashMap<>();
        asked.keySet().forEach(e -> normalisedByKey.put(LeadKeys.emailKey(tenantId, e), e));
        Map<String, String> idByNormalised = new HashMap<>();
        for (Map<String, AttributeValue> item : BatchGet.items(dynamo, index, normalisedByKey.keySet(), true)) {
            String normalised = normalisedByKey.get(Map.of(LeadKeys.PK, item.get(LeadKeys.PK), LeadKeys.SK, item.get(LeadKeys.SK)));
            idByNormalised.put(normalised, Items.str(item, LeadKeys.LEAD_ID));
        }
        Map<String, Lead> byId = new HashMap<>();
        for (Map<String, AttributeValue> item : BatchGet.items(dynamo, leads, idByNormalised.values().stream()
                .map(id -> LeadKeys.key(tenantId, id)).toList(), true)) {
            Lead lead = LeadItems.lead(item);
            byId.put(lead.id(), lead);
        }
        Map<String, Lead> found = new HashMap<>();
        idByNormalised.forEach((normalised, id) -> {
            if (byId.containsKey(id)) {
                asked.get(normalised).forEach(email -> found.put(email, byId.get(id)));
            }
        });
        return found;
    }

    @Override
    public LeadPage list(ListLeadsQuery q, LeadPosition position) {
        return q.hasSearch() ? new SearchReader(q).read(position) : indexList(q, position);
    }

    private LeadPage indexList(ListLeadsQuery q, LeadPosition position) {
        LeadQueryPlan plan = LeadQueryPlan.of(q);
        Map<String, AttributeValue> start = position == null ? null : plan.startAfter(position.sortKey(), position.leadId());
        int pageNo = position == null ? q.page() : position.page();
        long toSkip = position == null ? (long) (q.page() - 1) * q.limit() : 0;
        long skippedScanned = 0;
        boolean exhausted = false;
        while (toSkip > 0 && !exhausted) {
            int want = (int) Math.min(toSkip, 1000);
            Map<String, AttributeValue> from = start;
            QueryResponse r = Resume.query(dynamo, plan.keysOnly(plan.query(leads)).limit(want).exclusiveStartKey(from).build());
            toSkip -= r.count();
            skippedScanned += r.scannedCount();
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
            exhausted = start == null;
        }
        List<Lead> page = new ArrayList<>();
        long scanned = 0;
        while (!exhausted && page.size() < q.limit()) {
            Map<String, AttributeValue> from = start;
            QueryResponse r = Resume.query(dynamo, plan.query(leads).limit(q.limit() - page.size()).exclusiveStartKey(from).build());
            scanned += r.scannedCount();
            r.items().forEach(i -> page.add(LeadItems.lead(i)));
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
            exhausted = start == null;
        }
        LeadPosition next = !exhausted && page.size() == q.limit() && !page.isEmpty()
                ? new LeadPosition(pageNo + 1, LeadKeys.sortKey(plan.index, page.getLast()), page.getLast().id(), 0) : null;
        long total;
        long countScanned = 0;
        if (plan.counter != null) {
            total = Math.max(0, readCounter(q.tenantId(), plan.counter));
        } else {
            long[] counted = count(plan);
            total = counted[0];
            countScanned = counted[1];
        }
        return new LeadPage(page, pageNo, q.limit(), total, next,
                new ReadStats(plan.index.indexName, scanned, page.size(), skippedScanned, countScanned, plan.counter != null));
    }

    /** Exact count of the plan's matches: {count, items evaluated}. */
    private long[] count(LeadQueryPlan plan) {
        long count = 0;
        long scanned = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse r = dynamo.query(plan.query(leads).select(Select.COUNT).exclusiveStartKey(from).build());
            count += r.count();
            scanned += r.scannedCount();
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        return new long[] {count, scanned};
    }

    private long readCounter(String tenantId, String name) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(index).key(LeadKeys.counterKey(tenantId, name))
                .consistentRead(true)).item();
        return item == null ? 0 : Items.num(item, LeadKeys.COUNT);
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
     * three letters or more, else the longest word's prefix), filters them on the full words, then
     * reads the leads and applies the other filters.
     */
    private final class SearchReader {
        private final ListLeadsQuery q;
        private final String pk;
        private final Expr filter = new Expr();
        private final String filterText;
        private final boolean otherFilters;

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
            if (words.size() >= 2 && words.get(1).length() >= pair) {
                term = LeadKeys.pairTerm(words.get(0), words.get(1));
            } else {
                term = LeadKeys.singleTerm(words.get(0));
            }
            this.pk = LeadKeys.searchPk(q.tenantId(), term);
            List<String> parts = new ArrayList<>();
            for (String w : words) {
                boolean impliedByTerm = term.startsWith("w#") ? w.length() <= LeadKeys.singlePrefixLength() && words.size() == 1
                        : words.size() == 2 && w.length() <= pair;
                if (!impliedByTerm) {
                    parts.add("contains(" + filter.name(LeadKeys.WORDS) + ", " + filter.value(s(" " + w)) + ")");
                }
            }
            this.filterText = String.join(" AND ", parts);
            this.otherFilters = q.hasFiltersBesidesSearch();
        }

        LeadPage read(LeadPosition position) {
            return q.pagedByOffset() ? readSorted(position) : readInOrder(position);
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
            boolean exhausted = false;
            while (!exhausted && page.size() < q.limit()) {
                int want = (int) Math.min(1000, toSkip + q.limit() - page.size());
                Map<String, AttributeValue> from = start;
                QueryResponse r = Resume.query(dynamo, query().limit(want).exclusiveStartKey(from).build());
                if (toSkip > 0) {
                    skippedScanned += r.scannedCount();
                } else {
                    scanned += r.scannedCount();
                }
                start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
                exhausted = start == null;
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

        /** Other orders: every match is read and sorted by the same sort key the index would use. */
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
            long offset = position == null ? (long) (q.page() - 1) * q.limit() : position.offset();
            List<Lead> page = all.subList((int) Math.min(all.size(), offset), (int) Math.min(all.size(), offset + q.limit()));
            LeadPosition next = offset + page.size() < all.size() ? new LeadPosition(pageNo + 1, null, null, offset + page.size()) : null;
            return new LeadPage(page, pageNo, q.limit(), all.size(), next,
                    new ReadStats("search", lastScanned, all.size(), 0, 0, false));
        }

        private long lastScanned;

        private List<Lead> allMatches() {
            List<Lead> matches = new ArrayList<>();
            Map<String, AttributeValue> start = null;
            long scanned = 0;
            do {
                Map<String, AttributeValue> from = start;
                QueryResponse r = dynamo.query(query().exclusiveStartKey(from).build());
                scanned += r.scannedCount();
                fetch(q.tenantId(), LeadItems.ids(r.items())).stream().filter(q::matches).forEach(matches::add);
                start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
            } while (start != null);
            lastScanned = scanned;
            return matches;
        }

        /** {total, items evaluated}: a COUNT of the entries when only words filter, else every match read. */
        private long[] total() {
            if (!otherFilters) {
                long count = 0;
                long scanned = 0;
                Map<String, AttributeValue> start = null;
                do {
                    Map<String, AttributeValue> from = start;
                    QueryResponse r = dynamo.query(query().select(Select.COUNT).exclusiveStartKey(from).build());
                    count += r.count();
                    scanned += r.scannedCount();
                    start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
                } while (start != null);
                return new long[] {count, scanned};
            }
            long n = allMatches().size();
            return new long[] {n, lastScanned};
        }
    }
}
