package dev.leadbase.bench;

import dev.leadbase.leads.domain.LeadPage;
import dev.leadbase.leads.domain.ReadStats;
import dev.leadbase.leads.domain.ListLeadsQuery;
import dev.leadbase.leads.edge.ListLeadsParams;
import dev.leadbase.leads.store.DynamoLeadRepository;
import dev.leadbase.leads.store.LeadKeys;
import dev.leadbase.local.RunningRuntime;
import dev.leadbase.shared.http.QueryParams;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * Read amplification and capacity per list page: items the repository scanned per lead it returned, and the read
 * units a bare Query of the same index and limit consumes; then page 20 reached by {@code page=20} against by cursors.
 */
final class Amplification implements Section {

    @Override
    public boolean readsSeededLeads() {
        return true;
    }

    @Override
    public List<String> rowNames() {
        List<String> names = Section.each(ListCases.names(), "read amp list %s", "RCU per page list %s");
        names.add("deep page 20 items read (page vs cursor)");
        return names;
    }

    @Override
    public void run(Context context, List<Bench.Row> rows) {
        RunningRuntime runtime = context.runtime();
        Bench.Tenant tenant = context.tenant();
        DynamoDbClient dynamo = runtime.dynamo();
        DynamoLeadRepository repo = new DynamoLeadRepository(dynamo, runtime.tableName("LeadItemsTable"),
                runtime.tableName("LeadIndexTable"));
        CapacityProbe probe = new CapacityProbe(dynamo, runtime.tableName("LeadItemsTable"), tenant.tenantId());
        for (Map.Entry<String, Map<String, String>> c : ListCases.resolved(context.createdAfter()).entrySet()) {
            Map<String, String> params = c.getValue();
            LeadPage page = repo.list(query(tenant.tenantId(), params), null);
            ReadStats st = page.stats();
            int returned = page.leads().size();
            double amp = st.amplification(returned);
            String note = "index " + st.index() + ", scanned " + st.scanned() + ", returned " + returned
                    + ", total-count scanned " + st.countScanned() + (st.totalFromCounter() ? " (counter)" : "");
            rows.add(new Bench.Row("read amp list " + c.getKey(), amp, "scanned/returned", 1.5, amp / 1.5, "<= 1", amp <= 1.5, note));
            double rcu = probe.rcu(c.getKey(), params);
            rows.add(new Bench.Row("RCU per page list " + c.getKey(), rcu, "RCU", null, null, "info", null,
                    "ReturnConsumedCapacity TOTAL on the page's Query (bare, same index and Limit)"));
        }
        // deep page: page 20 by page=N (skips 19 pages of keys) vs by following cursors
        Map<String, String> params = Map.of("limit", "50", "page", "20");
        LeadPage byPage = repo.list(query(tenant.tenantId(), params), null);
        long byPageRead = byPage.stats().scanned() + byPage.stats().skipped();
        LeadPage cursor = repo.list(query(tenant.tenantId(), Map.of("limit", "50")), null);
        int pageNo = 1;
        while (pageNo < 20 && cursor.nextPosition() != null) {
            cursor = repo.list(query(tenant.tenantId(), Map.of("limit", "50")), cursor.nextPosition());
            pageNo++;
        }
        long byCursorRead = cursor.stats().scanned() + cursor.stats().skipped();
        double ratio = byCursorRead == 0 ? Double.NaN : (double) byPageRead / byCursorRead;
        rows.add(new Bench.Row("deep page 20 items read (page vs cursor)", byPageRead, "items", (double) byCursorRead, ratio,
                "info", null, "reached page " + pageNo + " by cursor; page=20 read " + byPage.leads().size() + " leads"
                + " (keys-only skip of " + byPage.stats().skipped() + ")"));
    }

    private static ListLeadsQuery query(String tenantId, Map<String, String> params) {
        return ListLeadsParams.parse(tenantId, null, new QueryParams(params), Instant.now());
    }

    private record CapacityProbe(DynamoDbClient dynamo, String leads, String tenantId) {
        double rcu(String name, Map<String, String> params) {
            QueryRequest.Builder b = QueryRequest.builder().tableName(leads).limit(50).scanIndexForward(false)
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
            switch (name) {
                case "status" -> b.indexName("ByStatus").keyConditionExpression("statusPk = :p")
                        .expressionAttributeValues(Map.of(":p", Bench.s(LeadKeys.statusPk(tenantId, "qualified"))));
                case "createdAfter" -> b.indexName("ByCreated").keyConditionExpression("tenantId = :t AND createdKey >= :lo")
                        .expressionAttributeValues(Map.of(":t", Bench.s(tenantId), ":lo",
                                Bench.s(LeadKeys.time(Instant.parse(params.get("createdAfter"))))));
                case "sortBy score" -> b.indexName("ByScore").keyConditionExpression("tenantId = :t")
                        .expressionAttributeValues(Map.of(":t", Bench.s(tenantId)));
                default -> b.indexName("ByCreated").keyConditionExpression("tenantId = :t")
                        .expressionAttributeValues(Map.of(":t", Bench.s(tenantId)));
            }
            QueryResponse r = dynamo.query(b.build());
            return r.consumedCapacity() == null || r.consumedCapacity().capacityUnits() == null
                    ? Double.NaN : r.consumedCapacity().capacityUnits();
        }
    }
}
