package dev.leadbase.it.leads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.leadbase.access.domain.KeyHasher;
import dev.leadbase.leads.domain.LeadShards;
import dev.leadbase.leads.store.DynamoLeadRepository;
import dev.leadbase.leads.domain.Lead;
import dev.leadbase.leads.domain.LeadInsights;
import dev.leadbase.leads.domain.LeadRepository;
import dev.leadbase.leads.domain.LeadSource;
import dev.leadbase.leads.domain.LeadStatus;
import dev.leadbase.it.Fixture;
import dev.leadbase.it.TestTenant;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A lead write that stops after its transaction, before its search entries: the SearchIndexer, fed by the Leads
 * stream in the local runtime, brings search up to date from the stored lead. No lead stays unfindable, and no
 * entry of a removed word or a deleted lead stays counted.
 */
class SearchRepairTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void writesCutShortBeforeTheirSearchEntriesAreMendedFromTheStream() {
        TestTenant t = Fixture.newTenant(0);
        LeadRepository cutShort = new DynamoLeadRepository(failingBatchWrites(0), table("LeadItemsTable"),
                table("LeadIndexTable"), LeadShards.fixed(LeadShards.DEFAULT));
        Instant created = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Lead lead = lead(t, KeyHasher.newId("lead_"), "Zanzibar", created, 1);

        assertThrows(IllegalStateException.class, () -> cutShort.create(lead));
        assertEquals(200, t.client().get("/api/v2/leads/" + lead.id()).status(), "the transaction went through");
        Fixture.eventually(WAIT, "found by search", () -> found(t, "zanzibar").equals(List.of(lead.id())));

        Lead renamed = lead(t, lead.id(), "Quixote", created, 2);
        assertThrows(IllegalStateException.class, () -> cutShort.update(lead, renamed));
        Fixture.eventually(WAIT, "found by its new name only", () -> found(t, "quixote").equals(List.of(lead.id()))
                && total(t, "zanzibar") == 0);

        assertThrows(IllegalStateException.class, () -> cutShort.delete(renamed));
        Fixture.eventually(WAIT, "no entries left", () -> total(t, "quixote") == 0 && total(t, "ada") == 0);
    }

    @Test
    void aCreateCutShortBeforeItsLastEntryIsMendedFromTheStream() {
        TestTenant t = Fixture.newTenant(0);
        LeadRepository cutShort = new DynamoLeadRepository(failingBatchWrites(1), table("LeadItemsTable"),
                table("LeadIndexTable"), LeadShards.fixed(LeadShards.DEFAULT));
        Instant created = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Lead lead = lead(t, KeyHasher.newId("lead_"), "Xylophone", created, 1);

        assertThrows(IllegalStateException.class, () -> cutShort.create(lead));
        // the pair of both names is the last entry a create writes, so its check reads that one and finds it missing
        Fixture.eventually(WAIT, "found by both names", () -> found(t, "ada+xylophone").equals(List.of(lead.id())));
        // the mended entries are read eventually consistently: under AWS semantics a read right after may not see them yet
        Fixture.eventually(WAIT, "found by a prefix", () -> found(t, "xylo").equals(List.of(lead.id())));
    }

    private static List<String> found(TestTenant t, String words) {
        List<String> ids = new ArrayList<>();
        t.client().get("/api/v2/leads?search=" + words).data().path("leads").forEach(l -> ids.add(l.path("id").asText()));
        return ids;
    }

    /** The total a search reports: with no other filter, it counts the search entries themselves. */
    private static long total(TestTenant t, String words) {
        return t.client().get("/api/v2/leads?limit=1&search=" + words).data().path("pagination").path("total").asLong();
    }

    private static Lead lead(TestTenant t, String id, String lastName, Instant createdAt, long version) {
        return new Lead(t.tenantId(), id, "Ada", lastName, null, "https://linkedin.com/in/" + id, null, null, null,
                null, LeadStatus.NEW, LeadSource.API, null, List.of(), Map.of(), createdAt, createdAt, null, null, null,
                null, Map.of(), Map.of(), Map.of(), null, null, null, version, LeadInsights.NONE, 0);
    }

    private static String table(String logicalId) {
        return Fixture.runtime().tableName(logicalId);
    }

    /** The runtime's DynamoDB client, except that BatchWriteItems after the first {@code sent} fail as a crash would. */
    private static DynamoDbClient failingBatchWrites(int sent) {
        DynamoDbClient real = Fixture.runtime().dynamo();
        AtomicInteger batchWrites = new AtomicInteger();
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("batchWriteItem") && batchWrites.incrementAndGet() > sent) {
                        throw new IllegalStateException("cut short before the search entries");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
