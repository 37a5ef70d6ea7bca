package dev.leadbase.it.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadbase.it.Fixture;
import dev.leadbase.it.TestTenant;
import dev.leadbase.scoring.domain.Page;
import dev.leadbase.scoring.domain.ScoreStore;
import dev.leadbase.leads.store.LeadItemWriter;
import dev.leadbase.leads.store.ScoringLeadItems;
import dev.leadbase.scoring.store.DynamoScoreStore;
import dev.leadbase.shared.dynamo.Pages;
import dev.leadbase.shared.dynamo.Transactions;
import dev.leadbase.shared.errors.ValidationFailed;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** The DynamoDB kit against the runtime's DynamoDB: paging, refused cursor keys and cancellation reasons. */
class DynamoKitTest {
    private static final int ITEMS = 7;
    private static DynamoDbClient dynamo;
    private static String table;
    private static String pk;

    @BeforeAll
    static void sevenItemsUnderOnePartition() {
        dynamo = Fixture.runtime().dynamo();
        table = Fixture.runtime().tableName("LeadIndexTable");
        pk = "kit-test#" + System.nanoTime();
        for (int i = 0; i < ITEMS; i++) {
            Map<String, AttributeValue> item = Map.of("pk", s(pk), "sk", s(sk(i)));
            dynamo.putItem(p -> p.tableName(table).item(item));
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static String sk(int i) {
        return "item-" + i;
    }

    private static QueryRequest query(int limit) {
        return QueryRequest.builder().tableName(table).consistentRead(true).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s(pk))).limit(limit).build();
    }

    private static List<String> sks(QueryResponse page) {
        return page.items().stream().map(i -> i.get("sk").s()).toList();
    }

    @Test
    void pagesFollowTheLastEvaluatedKeyToTheLastItem() {
        List<List<String>> pages = new ArrayList<>();
        Pages it = Pages.of(dynamo, query(3));
        while (it.hasNext()) {
            pages.add(sks(it.next()));
        }
        assertEquals(List.of(List.of(sk(0), sk(1), sk(2)), List.of(sk(3), sk(4), sk(5)), List.of(sk(6))), pages);
        assertNull(it.lastKey());
    }

    @Test
    void aPageTakesItsOwnLimitAndTheNextResumesAfterIt() {
        Pages it = Pages.of(dynamo, query(100));
        assertEquals(List.of(sk(0), sk(1)), sks(it.next(2)));
        assertEquals(sk(1), it.lastKey().get("sk").s());
        assertEquals(List.of(sk(2)), sks(it.next(1)));
        assertEquals(List.of(sk(3), sk(4), sk(5), sk(6)), sks(it.next()));
        assertFalse(it.hasNext());
    }

    @Test
    void aResumedQueryStartsAfterTheCursorKeyAndThenGoesOnWithAnotherRequest() {
        Pages it = Pages.resuming(dynamo, query(2), Map.of("pk", s(pk), "sk", s(sk(2))));
        assertEquals(List.of(sk(3), sk(4)), sks(it.next()));
        Pages keysOnly = it.then(query(100).toBuilder().projectionExpression("sk").build());
        assertEquals(List.of(sk(5), sk(6)), sks(keysOnly.next()));
        assertFalse(keysOnly.hasNext());
    }

    @Test
    void itemsAreReadAPageAtATimeToTheEnd() {
        List<String> all = new ArrayList<>();
        Iterator<String> items = Pages.items(Pages.of(dynamo, query(2)), i -> i.get("sk").s());
        items.forEachRemaining(all::add);
        assertEquals(List.of(sk(0), sk(1), sk(2), sk(3), sk(4), sk(5), sk(6)), all);
    }

    @Test
    void aCursorKeyDynamoRefusesIsA400NamingCursorButTheStoresOwnKeyIsNot() {
        Map<String, AttributeValue> notAKey = Map.of("pk", s(pk));
        ValidationFailed refused = assertThrows(ValidationFailed.class,
                () -> Pages.resuming(dynamo, query(2), notAKey).next());
        assertTrue(String.valueOf(refused.details()).contains("cursor"), refused.details().toString());
        assertThrows(DynamoDbException.class,
                () -> Pages.of(dynamo, query(2).toBuilder().exclusiveStartKey(notAKey).build()).next());
    }

    @Test
    void dynamoDbListsCancellationReasonsByCodeWithTheItemThatFailedItsCondition() {
        List<TransactWriteItem> writes = List.of(
                TransactWriteItem.builder().update(u -> u.tableName(table).key(Map.of("pk", s(pk), "sk", s("counter")))
                        .updateExpression("ADD n :one").expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))).build(),
                TransactWriteItem.builder().put(p -> p.tableName(table).item(Map.of("pk", s(pk), "sk", s(sk(4)), "x", s("new")))
                        .conditionExpression("attribute_not_exists(pk)")
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build());
        TransactionCanceledException e = assertThrows(TransactionCanceledException.class, () -> Transactions.write(dynamo, writes));
        assertTrue(e.hasCancellationReasons(), "DynamoDB lists the reasons: " + e.getMessage());
        assertFalse(Transactions.failedCondition(e, 0));
        assertTrue(Transactions.failedCondition(e, 1));
        assertEquals(sk(4), Transactions.itemAt(e, 1).orElseThrow().get("sk").s());
        assertTrue(Transactions.itemAt(e, 0).isEmpty());
    }

    @Test
    void reScoringResumesAfterTheLastLeadIdOfAPage() {
        TestTenant t = Fixture.newTenant(0);
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(t.client().post("/api/v2/leads", Map.of("email", "kit" + i + "@example.com")).data().path("id").asText());
        }
        settle();
        ScoreStore store = store();
        List<String> seen = new ArrayList<>();
        Page<String> page = store.leadIds(t.tenantId(), null, 2);
        seen.addAll(page.items());
        assertEquals(page.items().getLast(), page.nextCursor());
        page = store.leadIds(t.tenantId(), page.nextCursor(), 2);
        seen.addAll(page.items());
        assertEquals(created.stream().sorted().toList(), seen);
        assertNull(store.leadIds(t.tenantId(), seen.getLast(), 2).nextCursor());
    }

    @Test
    void aRankingResumesAfterItsLastEntry() {
        String tenantId = "kit-test-" + System.nanoTime();
        String scores = Fixture.runtime().tableName("ScoresTable");
        for (int i = 1; i <= 5; i++) {
            String leadId = "lead_" + i;
            dynamo.putItem(p -> p.tableName(scores).item(Map.of("leadKey", s(tenantId + "#" + leadId), "rulesetId", s("rs_1"),
                    "rankKey", s(tenantId + "#rs_1"), "score", AttributeValue.fromN(leadId.substring(5) + "0"), "leadId", s(leadId))));
        }
        settle();
        ScoreStore store = store();
        List<Long> seen = new ArrayList<>();
        ScoreStore.Ranked after = null;
        int pages = 0;
        do {
            ScoreStore.RankedPage page = store.top(tenantId, "rs_1", after, 2);
            page.items().forEach(r -> seen.add(r.score()));
            after = page.after();
            pages++;
        } while (after != null);
        assertEquals(List.of(50L, 40L, 30L, 20L, 10L), seen);
        assertEquals(3, pages);
    }

    /** Both store reads are eventually consistent (a table read, an index read): let the writes show first. */
    private static void settle() {
        Fixture.awaitIndexes();
        Fixture.awaitStaleReads();
    }

    private static ScoreStore store() {
        var rt = Fixture.runtime();
        String leads = rt.tableName("LeadItemsTable");
        return new DynamoScoreStore(rt.dynamo(), leads, new ScoringLeadItems(rt.dynamo(), leads,
                LeadItemWriter.besideUserFields(rt.dynamo(), leads)), rt.tableName("ScoresTable"), rt.tableName("EventsTable"));
    }
}
