package dev.leadbase.bench;

import dev.leadbase.leads.domain.LeadPage;
import dev.leadbase.leads.domain.ReadStats;
import dev.leadbase.leads.domain.ListLeadsQuery;
import dev.leadbase.leads.edge.ListLeadsParams;
import dev.leadbase.access.app.TenantLeadShards;
import dev.leadbase.access.store.DynamoTenantRepository;
import dev.leadbase.leads.store.DynamoLeadRepository;
import dev.leadbase.local.RunningRuntime;
import dev.leadbase.shared.http.QueryParams;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Read amplification and capacity per list page: leads the repository read from the table per lead it returned (index
 * entries merged noted apart), and the read units of every call the page made (the tenant's K, the shards' Queries, the
 * BatchGetItem, the total); then page 20 reached by {@code page=20} against by cursors.
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
        MeteredDynamo meter = MeteredDynamo.around(runtime.dynamo());
        DynamoDbClient dynamo = meter.client();
        DynamoLeadRepository repo = new DynamoLeadRepository(dynamo, runtime.tableName("LeadItemsTable"),
                runtime.tableName("LeadIndexTable"),
                new TenantLeadShards(new DynamoTenantRepository(dynamo, runtime.tableName("TenantsTable")), Clock.systemUTC()));
        for (Map.Entry<String, Map<String, String>> c : ListCases.resolved(context.createdAfter()).entrySet()) {
            Map<String, String> params = c.getValue();
            meter.reset();
            LeadPage page = repo.list(query(tenant.tenantId(), params), null);
            double rcu = meter.reset().readUnits();
            ReadStats st = page.stats();
            int returned = page.leads().size();
            double amp = st.amplification(returned);
            String note = "index " + st.index() + ", leads read " + st.scanned() + ", returned " + returned
                    + ", index entries merged " + st.entriesRead() + ", total-count scanned " + st.countScanned()
                    + (st.totalFromCounter() ? " (counter)" : "");
            rows.add(new Bench.Row("read amp list " + c.getKey(), amp, "leads read/returned", 1.5, amp / 1.5, "<= 1", amp <= 1.5, note));
            rows.add(new Bench.Row("RCU per page list " + c.getKey(), rcu, "RCU", null, null, "info", null,
                    "ReturnConsumedCapacity of every call of the page: the tenant's K, the shards' Queries, the"
                    + " BatchGetItem of its leads, its total"));
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
}
