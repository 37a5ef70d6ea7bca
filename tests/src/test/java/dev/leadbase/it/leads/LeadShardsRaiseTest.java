package dev.leadbase.it.leads;

import static dev.leadbase.it.leads.Bodies.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadbase.access.app.TenantLeadShards;
import dev.leadbase.access.domain.TenantShards;
import dev.leadbase.access.store.DynamoTenantRepository;
import dev.leadbase.bench.http.ApiResponse;
import dev.leadbase.it.Fixture;
import dev.leadbase.it.TestTenant;
import dev.leadbase.leads.domain.LeadPage;
import dev.leadbase.leads.domain.LeadShards;
import dev.leadbase.leads.edge.ListLeadsParams;
import dev.leadbase.leads.store.DynamoLeadRepository;
import dev.leadbase.shared.http.QueryParams;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Raising a tenant's lead shards while list containers still hold the K they read (cached for
 * {@link TenantShards#LIST_CACHE}): new leads keep the K before the raise until it is {@link TenantShards#ACTIVATION}
 * old, so every lead created meanwhile is listed; a raise while one is pending is refused; a tenant item without a
 * raise has its {@code leadShards} (or 8), active at once.
 */
class LeadShardsRaiseTest {
    private static final DynamoTenantRepository TENANTS = new DynamoTenantRepository(Fixture.runtime().dynamo(),
            Fixture.runtime().tableName("TenantsTable"));

    @Test
    void leadsCreatedRightAfterARaiseAreListedByAContainerHoldingTheKBeforeIt() throws Exception {
        TestTenant tenant = Fixture.newTenant(0);
        int before = TENANTS.leadShards(tenant.tenantId()).orElseThrow().k();
        TenantLeadShards listContainer = new TenantLeadShards(TENANTS, Clock.systemUTC());
        DynamoLeadRepository lists = new DynamoLeadRepository(Fixture.runtime().dynamo(),
                Fixture.runtime().tableName("LeadItemsTable"), Fixture.runtime().tableName("LeadIndexTable"), listContainer);
        assertEquals(0, list(lists, tenant).size(), "the list container reads and keeps K = " + before);

        assertTrue(TENANTS.raiseLeadShards(tenant.tenantId(), 64, Instant.now()));
        List<Map<String, Object>> leads = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            leads.add(obj("email", "raise" + i + "@shards.io", "firstName", "R" + i));
        }
        ApiResponse r = tenant.client().post("/api/v2/leads/batch", obj("leads", leads));
        assertEquals(200, r.status(), r.toString());
        assertEquals(40, r.data().path("summary").path("created").asInt(), r.toString());
        Fixture.awaitIndexes();

        assertEquals(before, listContainer.current(tenant.tenantId()), "the list container still holds the K it read");
        Set<String> listed = new HashSet<>(list(lists, tenant));
        assertEquals(40, listed.size(), "every lead created after the raise is listed by the container with K = " + before);
        assertEquals(40, LeadData.walkByCursor(tenant.client(), "", 100).size(), "and by a container reading K now");
    }

    @Test
    void newLeadsUseARaisedKOnlyOnceEveryListContainerReadsIt() {
        TestTenant tenant = Fixture.newTenant(0);
        String id = tenant.tenantId();
        int before = TENANTS.leadShards(id).orElseThrow().k();
        Instant raise = Instant.now();
        MutableClock clock = new MutableClock(raise.minusSeconds(1));
        TenantLeadShards listContainer = new TenantLeadShards(TENANTS, clock);
        assertEquals(before, listContainer.current(id));

        assertTrue(TENANTS.raiseLeadShards(id, 32, raise));
        Fixture.awaitStaleReads(); // the clock moves a minute on; the eventually consistent reads' lag is real time
        TenantLeadShards earlyCreates = new TenantLeadShards(TENANTS, clock);
        for (int s = 0; s <= 75; s++) {
            clock.now = raise.plusSeconds(s);
            int listed = listContainer.current(id);
            int placed = new TenantLeadShards(TENANTS, clock).forNewLead(id);
            int placedEarly = earlyCreates.forNewLead(id);
            assertTrue(placed <= listed && placedEarly <= listed, "at +" + s + "s: creates use " + placed + "/"
                    + placedEarly + " shards, a list queries " + listed);
            assertEquals(s < 49 ? before : 32, listed, "at +" + s + "s the list holds the K it read a second before the raise for 50 s");
            assertEquals(s < 60 ? before : 32, placed, "at +" + s + "s new leads use the raised K only after 60 s");
            assertEquals(placed, placedEarly, "a container that read the tenant during the raise switches at 60 s too");
        }
    }

    @Test
    void aRaiseWhileOneIsPendingIsRefusedAndSoIsOneThatDoesNotRaise() {
        String id = Fixture.newTenant(0).tenantId();
        int before = TENANTS.leadShards(id).orElseThrow().k();
        Instant raise = Instant.now();
        assertTrue(TENANTS.raiseLeadShards(id, before + 8, raise));
        assertFalse(TENANTS.raiseLeadShards(id, before + 16, raise.plusSeconds(30)), "pending");
        assertFalse(TENANTS.raiseLeadShards(id, before + 16, raise.plusSeconds(59)), "pending");
        assertEquals(new TenantShards(before + 8, before, Instant.ofEpochSecond(raise.getEpochSecond())),
                TENANTS.leadShards(id).orElseThrow());
        assertFalse(TENANTS.raiseLeadShards(id, before + 8, raise.plusSeconds(60)), "not more than K");
        assertFalse(TENANTS.raiseLeadShards(id, before, raise.plusSeconds(60)), "lower");
        assertTrue(TENANTS.raiseLeadShards(id, before + 16, raise.plusSeconds(60)));
        assertEquals(new TenantShards(before + 16, before + 8, Instant.ofEpochSecond(raise.getEpochSecond() + 60)),
                TENANTS.leadShards(id).orElseThrow());
        assertFalse(TENANTS.raiseLeadShards("tnt_nobody", 16, raise), "no such tenant");
    }

    @Test
    void aTenantItemWithoutARaiseHasItsLeadShardsOrEightActiveAtOnce() {
        String bare = "tnt_bare_" + System.nanoTime();
        String five = "tnt_five_" + System.nanoTime();
        putTenant(bare, Optional.empty());
        putTenant(five, Optional.of(5));
        TenantLeadShards shards = new TenantLeadShards(TENANTS, Clock.systemUTC());
        assertEquals(LeadShards.DEFAULT, shards.forNewLead(bare));
        assertEquals(LeadShards.DEFAULT, shards.current(bare));
        assertEquals(5, shards.forNewLead(five));
        assertEquals(5, shards.current(five));
        Instant now = Instant.now();
        assertTrue(TENANTS.raiseLeadShards(bare, 16, now), "a tenant item without K or a raise may be raised");
        assertEquals(new TenantShards(16, LeadShards.DEFAULT, Instant.ofEpochSecond(now.getEpochSecond())),
                TENANTS.leadShards(bare).orElseThrow());
    }

    private static List<String> list(DynamoLeadRepository lists, TestTenant tenant) {
        LeadPage page = lists.list(ListLeadsParams.parse(tenant.tenantId(), null, new QueryParams(Map.of("limit", "100")),
                Instant.now()), null);
        return page.leads().stream().map(l -> l.id()).toList();
    }

    private static void putTenant(String tenantId, Optional<Integer> leadShards) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(Map.of("tenantId", AttributeValue.fromS(tenantId),
                "name", AttributeValue.fromS("before lead shards")));
        leadShards.ifPresent(k -> item.put("leadShards", AttributeValue.fromN(Integer.toString(k))));
        Fixture.runtime().dynamo().putItem(p -> p.tableName(Fixture.runtime().tableName("TenantsTable")).item(item));
    }

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
